import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../protocol/index.ts';
import type { OutboxItem } from '../client/api.ts';
import { highestStaffSeq, markDeleted, mergeMessages, unreadCount } from './messages.ts';
import { buildTimeline, groupBySender } from './timeline.ts';

const visitor = { kind: 'visitor', id: 'v1' } as const;
const anna = { kind: 'staff', id: 's1' } as const;
const ben = { kind: 'staff', id: 's2' } as const;

function msg(seq: number, author: Message['author'], extra: Partial<Message> = {}): Message {
  return {
    id: 'm' + seq,
    conversationId: 'c1',
    seq,
    clientId: 'cid' + seq,
    author,
    text: 'text ' + seq,
    attachments: [],
    note: false,
    deleted: false,
    createdAt: 1000 * seq,
    ...extra,
  };
}
function pending(clientId: string, createdAt: number, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { clientId, text: 'pending ' + clientId, createdAt, status: 'pending', ...extra };
}

test('mergeMessages dedupes overlapping pages by id and orders by seq', () => {
  const a = [msg(3, visitor), msg(5, anna)];
  const b = [msg(1, anna), msg(3, visitor), msg(7, visitor)];
  assert.deepEqual(mergeMessages(a, b).map((m) => m.seq), [1, 3, 5, 7]);
  assert.equal(mergeMessages(a, []), a, 'no incoming: same array (no re-render)');
});

test('a pending outbox item disappears once a committed message carries its clientId', () => {
  const outbox = [pending('x', 10_000), pending('y', 11_000)];
  const before = buildTimeline([msg(1, anna)], outbox, 'c1', 0, 'v1');
  assert.deepEqual(before.map((i) => i.status), ['received', 'pending', 'pending']);
  const acked = msg(2, visitor, { clientId: 'x' });
  const after = buildTimeline([msg(1, anna), acked], outbox, 'c1', 0, 'v1');
  assert.deepEqual(after.map((i) => i.key), ['m1', 'm2', 'c:y']);
  assert.equal(after.filter((i) => i.clientId === 'x').length, 1, 'never shown twice');
});

test('outbox items of another conversation are not shown; failed items keep their error', () => {
  const outbox = [pending('a', 1, { conversationId: 'other' }), pending('b', 2, { status: 'failed', error: { code: 'text_too_long', message: 'Too long' } })];
  const items = buildTimeline([], outbox, 'c1', 0, 'v1');
  assert.deepEqual(items.map((i) => [i.key, i.status, i.error]), [['c:b', 'failed', 'Too long']]);
});

test('own messages are read when the staff read cursor reaches their seq; notes are hidden', () => {
  const items = buildTimeline([msg(1, visitor), msg(2, anna, { note: true }), msg(3, visitor)], [], 'c1', 1, 'v1');
  assert.deepEqual(items.map((i) => [i.seq, i.status]), [[1, 'read'], [3, 'sent']]);
});

test('groupBySender groups consecutive messages of one sender within the time gap', () => {
  const items = buildTimeline(
    [msg(1, visitor), msg(2, visitor), msg(3, anna), msg(4, anna), msg(5, ben), msg(400, ben)],
    [pending('p', 401_000)],
    'c1',
    0,
    'v1',
  );
  const groups = groupBySender(items, 60_000);
  assert.deepEqual(
    groups.map((g) => [g.author.kind, g.mine, g.items.map((i) => i.key)]),
    [
      ['visitor', true, ['m1', 'm2']],
      ['staff', false, ['m3', 'm4']],
      ['staff', false, ['m5']],
      ['staff', false, ['m400']],
      ['visitor', true, ['c:p']],
    ],
  );
});

test('unread counts staff messages above the visitor cursor, ignoring deleted ones', () => {
  const list = [msg(1, anna), msg(2, visitor), msg(3, anna), msg(4, anna, { deleted: true }), msg(5, ben)];
  assert.equal(unreadCount(list, 0), 3);
  assert.equal(unreadCount(list, 3), 1);
  assert.equal(highestStaffSeq(list), 5);
  assert.equal(markDeleted(list, 'm5')[4].deleted, true);
});
