import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conversation, Message, TimelineEvent } from '../../protocol/index.ts';
import { snoozeUntil, fromLocalInput, toLocalInput } from './snooze.ts';
import { entryTexts, mergeTimeline, threadItems } from './timeline.ts';

const conv = { id: 'c1', status: 'resolved' } as Conversation;
const by = (id: string) => ({ kind: 'staff' as const, id });
const updated = (seq: number, changes: Extract<TimelineEvent, { kind: 'conversation.updated' }>['changes'], extra: object = {}): TimelineEvent => ({
  kind: 'conversation.updated',
  conversationId: 'c1',
  seq,
  cursor: seq,
  conversation: conv,
  changes,
  by: by('alice'),
  byName: 'Alice',
  ...extra,
});
const msg = (seq: number): Message => ({ id: `m${seq}`, conversationId: 'c1', seq, clientId: `k${seq}`, author: { kind: 'visitor', id: 'v' }, text: `m${seq}`, attachments: [], note: false, deleted: false, createdAt: seq });

test('entries say who did what, with "You" for me and the names the event carries', () => {
  assert.deepEqual(entryTexts(updated(3, { status: 'resolved' }), 'me'), ['Alice marked this resolved']);
  assert.deepEqual(entryTexts(updated(3, { status: 'resolved' }), 'alice'), ['You marked this resolved']);
  assert.deepEqual(entryTexts(updated(4, { status: 'pending', assigneeId: 'bob' }, { assigneeName: 'Bob' }), 'me'), ['Alice marked this pending', 'Alice assigned this to Bob']);
  assert.deepEqual(entryTexts(updated(4, { assigneeId: 'alice' }, { assigneeName: 'Alice' }), 'me'), ['Alice took this']);
  assert.deepEqual(entryTexts(updated(4, { assigneeId: null }), 'me'), ['Alice unassigned this']);
  assert.deepEqual(entryTexts(updated(5, { status: 'open' }, { woke: true }), 'me'), ['Snooze ended']);
  assert.match(entryTexts(updated(5, { status: 'snoozed', snoozedUntil: Date.UTC(2026, 2, 3, 9) }), 'me')[0], /^Alice snoozed this until .*2026/);
  const rated: TimelineEvent = { kind: 'conversation.rated', conversationId: 'c1', seq: 6, cursor: 6, conversation: conv, rating: { score: 4, comment: 'quick', ratedAt: 1 }, by: { kind: 'visitor', id: 'v' }, byName: 'Ann' };
  assert.deepEqual(entryTexts(rated, 'me'), ['Ann rated this 4 of 5: “quick”']);
  const triaged: TimelineEvent = { kind: 'conversation.triaged', conversationId: 'c1', seq: 7, cursor: 7, priority: 'urgent', labels: ['vip'], changes: { priority: 'urgent', added: ['vip'], removed: ['old'] }, by: by('alice'), byName: 'Alice' };
  assert.deepEqual(entryTexts(triaged, 'me'), ['Alice set the priority to Urgent', 'Alice added vip', 'Alice removed old']);
  assert.deepEqual(entryTexts({ kind: 'visitor.identified', conversationId: 'c1', seq: 8, cursor: 8, visitorId: 'v2', fromLabel: 'Blue Otter', name: 'Ann' }, 'me'), ['Blue Otter became Ann']);
});

test('the thread interleaves entries with messages by seq; entries older than the loaded page wait; merging dedupes by seq', () => {
  const timeline = mergeTimeline([updated(2, { status: 'pending' }), updated(5, { status: 'resolved' })], [updated(5, { status: 'resolved' }), updated(7, { status: 'open' })]);
  assert.deepEqual(timeline.map((e) => e.seq), [2, 5, 7]);
  const items = threadItems([msg(3), msg(4), msg(6)], timeline, true, 'me');
  assert.deepEqual(items.map((i) => (i.kind === 'message' ? `m${i.message.seq}` : `e${i.seq}`)), ['m3', 'm4', 'e5', 'm6', 'e7']);
  const all = threadItems([msg(3)], timeline, false, 'me');
  assert.deepEqual(all.map((i) => (i.kind === 'message' ? `m${i.message.seq}` : `e${i.seq}`)), ['e2', 'm3', 'e5', 'e7']);
});

test('snooze presets on an injected clock: in an hour, tomorrow 9:00, the coming Monday 9:00', () => {
  const wed = new Date(2026, 2, 4, 15, 30).getTime(); // a Wednesday, local time
  assert.equal(snoozeUntil('hour', wed), wed + 3_600_000);
  assert.equal(snoozeUntil('tomorrow', wed), new Date(2026, 2, 5, 9, 0).getTime());
  assert.equal(snoozeUntil('nextWeek', wed), new Date(2026, 2, 9, 9, 0).getTime());
  const mon = new Date(2026, 2, 9, 8, 0).getTime();
  assert.equal(snoozeUntil('nextWeek', mon), new Date(2026, 2, 16, 9, 0).getTime(), 'on a Monday: a week ahead');
  assert.equal(fromLocalInput(toLocalInput(wed)), wed);
  assert.equal(fromLocalInput(''), null);
});
