import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation, Message, TimelineEvent } from '../protocol/index.ts';
import { translator } from './i18n.ts';
import enParts from './part-locales/en.ts';
import deParts from './part-locales/de.ts';
import { visitorLines } from './timeline-lines.ts';
import { buildTimeline, threadRows } from './timeline.ts';

const staff = { kind: 'staff', id: 's1' } as const;
const visitor = { kind: 'visitor', id: 'v1' } as const;
const conv = { id: 'c1', siteId: 's', visitorId: 'v1', status: 'open', assigneeId: null, lastSeq: 1, lastActivityAt: 1, createdAt: 1, reads: [] } as Conversation;
const updated = (seq: number, changes: Extract<TimelineEvent, { kind: 'conversation.updated' }>['changes'], more: Partial<TimelineEvent> = {}): TimelineEvent =>
  ({ kind: 'conversation.updated', conversationId: 'c1', seq, cursor: seq, conversation: conv, changes, by: staff, byName: 'Ada', ...more }) as TimelineEvent;
const rated = (seq: number, score: number): TimelineEvent => ({ kind: 'conversation.rated', conversationId: 'c1', seq, cursor: seq, conversation: conv, rating: { score, ratedAt: seq }, by: visitor });
const msg = (seq: number, author: Message['author']): Message => ({
  id: 'm' + seq, conversationId: 'c1', seq, clientId: 'k' + seq, author, authorName: author.kind === 'staff' ? 'Ada' : undefined, text: 't' + seq, attachments: [], note: false, deleted: false, createdAt: seq,
});
const en = translator(enParts.thread);
const texts = (timeline: TimelineEvent[], floor = 0) => visitorLines(timeline, 'c1', floor, en).map((l) => l.text);

test('the visitor sees who joined, who resolved, a reopen and their own rating, in seq order', () => {
  assert.deepEqual(
    texts([
      updated(2, { assigneeId: 's2' }, { auto: true, assigneeName: 'Ben' } as Partial<TimelineEvent>),
      updated(4, { status: 'resolved' }),
      rated(5, 4),
      rated(6, 2),
      updated(8, { status: 'open' }, { by: visitor, byName: 'Blue Otter' } as Partial<TimelineEvent>),
      updated(10, { status: 'resolved', assigneeId: 's1' }, { assigneeName: 'Ada' } as Partial<TimelineEvent>),
      updated(11, { status: 'open' }),
    ]),
    [
      'Ben joined the conversation',
      'Ada marked this resolved',
      'You rated this conversation 4 of 5',
      'You rated this conversation 2 of 5',
      'Conversation reopened',
      'Ada marked this resolved',
      'Ada joined the conversation',
      'Ada reopened this conversation',
    ],
  );
});

test('triage the visitor has no part in shows nothing: snooze, waking, pending, unassigning', () => {
  assert.deepEqual(
    texts([
      updated(2, { status: 'snoozed', snoozedUntil: 99 }),
      updated(3, { status: 'open' }, { woke: true } as Partial<TimelineEvent>),
      updated(4, { status: 'pending' }),
      updated(5, { status: 'open' }),
      updated(6, { assigneeId: null }),
    ]),
    [],
  );
});

test('lines of another conversation, or below the loaded floor, wait; the names fall back to the team', () => {
  const other = { ...updated(3, { status: 'resolved' }), conversationId: 'c2' } as TimelineEvent;
  assert.deepEqual(texts([other]), []);
  // The resolve is below the floor, yet still makes the later move to open a reopen.
  assert.deepEqual(texts([updated(3, { status: 'resolved' }), updated(9, { status: 'open' }, { byName: undefined } as Partial<TimelineEvent>)], 5), ['Support reopened this conversation']);
  assert.equal(translator(deParts.thread)('rated', { score: 5 }), 'Sie haben dieses Gespräch mit 5 von 5 bewertet');
});

test('a line sits between the messages around its seq, splits their group, and comes before pending sends', () => {
  const items = buildTimeline(
    [msg(1, staff), msg(2, staff), msg(4, visitor)],
    [{ clientId: 'p1', conversationId: 'c1', text: 'still going', createdAt: 9, status: 'pending' } as never],
    'c1', 0, 'v1',
  );
  const rows = threadRows(items, [{ key: 'e2', seq: 2.5 as number, text: 'Ada joined the conversation' }, { key: 'e5', seq: 5, text: 'Ada marked this resolved' }]);
  assert.deepEqual(
    rows.map((r) => (r.line ? r.line.text : r.group!.items.map((i) => i.key).join('+'))),
    ['m1+m2', 'Ada joined the conversation', 'm4', 'Ada marked this resolved', 'c:p1'],
  );
  const split = threadRows(buildTimeline([msg(1, staff), msg(3, staff)], [], 'c1', 0, 'v1'), [{ key: 'e2', seq: 2, text: 'x' }]);
  assert.equal(split.filter((r) => r.group).length, 2, 'one sender on both sides of a line: two groups');
});
