import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addItems, applyInboxEvent, applyVisitorUpdate, emptyInbox, matchesFilter, neighbour, setVisitorOnline, type InboxFilter } from './inbox.ts';
import { conv, item, msg } from './fixtures.test-helpers.ts';
import { preview } from './format.ts';

const all: InboxFilter = { view: 'all', status: null, q: '', label: '', priority: null, sort: 'activity' };

test('pages merge newest activity first, ties by id, duplicates replaced', () => {
  let s = addItems(emptyInbox(all), [item('a', { lastActivityAt: 30 }), item('b', { lastActivityAt: 20 })], 'cur1');
  s = addItems(s, [item('c', { lastActivityAt: 20 }), item('d', { lastActivityAt: 50 }), item('a', { lastActivityAt: 30, unread: 4 })], null);
  assert.deepEqual(s.order, ['d', 'a', 'c', 'b']);
  assert.equal(s.byId.a.unread, 4);
  assert.equal(s.nextCursor, null);
  assert.equal(s.loaded, true);
});

test('a stale page row does not overwrite a row live events moved ahead', () => {
  let s = addItems(emptyInbox(all), [item('a', { lastSeq: 5, lastActivityAt: 500 })], null);
  s = addItems(s, [item('a', { lastSeq: 3, lastActivityAt: 300 })]);
  assert.equal(s.byId.a.lastSeq, 5);
});

test('a new message moves its conversation to the top with a fresh preview', () => {
  let s = addItems(emptyInbox(all), [item('a', { lastActivityAt: 30 }), item('b', { lastActivityAt: 20 })], null);
  const r = applyInboxEvent(s, { kind: 'message.created', conversationId: 'b', seq: 2, cursor: 9, message: msg(2, { conversationId: 'b', text: 'hello there', createdAt: 99 }) }, 'me');
  s = r.state;
  assert.equal(r.fetch, undefined);
  assert.deepEqual(s.order, ['b', 'a']);
  assert.equal(s.byId.b.lastMessage?.text, 'hello there');
  assert.equal(s.byId.b.lastSeq, 2);
});

test('a message for an unloaded conversation asks for its row, unless searching', () => {
  const s = emptyInbox(all);
  const e = { kind: 'message.created' as const, conversationId: 'z', seq: 1, cursor: 1, message: msg(1, { conversationId: 'z' }) };
  assert.equal(applyInboxEvent(s, e, 'me').fetch, 'z');
  assert.equal(applyInboxEvent(emptyInbox({ ...all, q: 'refund' }), e, 'me').fetch, undefined);
});

test('created conversations are fetched only when they fit the view', () => {
  const e = { kind: 'conversation.created' as const, conversationId: 'n', seq: 1, cursor: 1, conversation: conv('n') };
  assert.equal(applyInboxEvent(emptyInbox(all), e, 'me').fetch, 'n');
  assert.equal(applyInboxEvent(emptyInbox({ ...all, view: 'mine' }), e, 'me').fetch, undefined);
  assert.equal(applyInboxEvent(emptyInbox({ ...all, view: 'unassigned' }), e, 'me').fetch, 'n');
});

test('an update that takes a row out of the view removes it; others patch in place', () => {
  let s = addItems(emptyInbox({ view: 'unassigned', status: 'open', q: '', label: '', priority: null, sort: 'activity' }), [item('a'), item('b', { lastActivityAt: 900 })], null);
  const assigned = { kind: 'conversation.updated' as const, conversationId: 'a', seq: 3, cursor: 3, conversation: conv('a', { assigneeId: 'me' }), changes: { assigneeId: 'me' }, by: { kind: 'staff' as const, id: 'me' } };
  s = applyInboxEvent(s, assigned, 'me').state;
  assert.deepEqual(s.order, ['b']);
  assert.equal(s.byId.a, undefined);
});

test('matchesFilter covers views and status', () => {
  const c = conv('x', { assigneeId: 'me', status: 'pending' });
  assert.equal(matchesFilter(c, { view: 'mine', status: null, q: '', label: '', priority: null, sort: 'activity' }, 'me'), true);
  assert.equal(matchesFilter(c, { view: 'mine', status: null, q: '', label: '', priority: null, sort: 'activity' }, 'other'), false);
  assert.equal(matchesFilter(c, { view: 'unassigned', status: null, q: '', label: '', priority: null, sort: 'activity' }, 'me'), false);
  assert.equal(matchesFilter(c, { view: 'all', status: 'open', q: '', label: '', priority: null, sort: 'activity' }, 'me'), false);
  assert.equal(matchesFilter(c, { view: 'all', status: 'pending', q: '', label: '', priority: null, sort: 'activity' }, 'me'), true);
});

test('deleting the last message blanks the preview; read moves are recorded', () => {
  let s = addItems(emptyInbox(all), [item('a', { lastSeq: 2, lastMessage: { id: 'm2', seq: 2, author: { kind: 'visitor', id: 'v' }, text: 'oops', createdAt: 5, note: false } })], null);
  s = applyInboxEvent(s, { kind: 'message.deleted', conversationId: 'a', seq: 3, cursor: 3, messageId: 'm2', by: { kind: 'staff', id: 'me' } }, 'me').state;
  assert.equal(s.byId.a.lastMessage?.text, '');
  assert.equal(preview(s.byId.a, 'me'), 'Message deleted');
  s = applyInboxEvent(s, { kind: 'read.moved', conversationId: 'a', seq: 4, cursor: 4, reader: { kind: 'visitor', id: 'v' }, upTo: 2 }, 'me').state;
  assert.deepEqual(s.byId.a.reads, [{ reader: { kind: 'visitor', id: 'v' }, seq: 2 }]);
  assert.equal(s.byId.a.lastSeq, 4);
});

test('visitor presence patches every row of that visitor', () => {
  let s = addItems(emptyInbox(all), [item('a'), item('b', { visitor: { id: 'v-a', label: 'x', identified: false } })], null);
  s = setVisitorOnline(s, 'v-a', true);
  assert.equal(s.byId.a.visitorOnline, true);
  assert.equal(s.byId.b.visitorOnline, true);
  assert.equal(setVisitorOnline(s, 'v-a', true), s, 'no change keeps identity');
});

test('neighbour walks the list and stops at the ends', () => {
  const s = addItems(emptyInbox(all), [item('a', { lastActivityAt: 3 }), item('b', { lastActivityAt: 2 }), item('c', { lastActivityAt: 1 })], null);
  assert.equal(neighbour(s, null, 1), 'a');
  assert.equal(neighbour(s, 'a', 1), 'b');
  assert.equal(neighbour(s, 'c', 1), 'c');
  assert.equal(neighbour(s, 'a', -1), 'a');
  assert.equal(neighbour(s, 'gone', -1), 'a');
  // 'x' sat at index 1 and was resolved away: j goes to the row that took its place, k above it.
  assert.equal(neighbour(s, 'x', 1, 1), 'b');
  assert.equal(neighbour(s, 'x', -1, 1), 'a');
  assert.equal(neighbour(s, 'x', 1, 7), 'c');
});

test('previews: mine say You, colleagues say Agent, notes say Note, attachments say so', () => {
  const last = (author: { kind: 'visitor' | 'staff'; id: string }, text: string, note = false) => item('p', { lastMessage: { id: 'm', seq: 2, author, text, createdAt: 1, note } });
  assert.equal(preview(last({ kind: 'visitor', id: 'v' }, 'Hi\n there'), 'me'), 'Hi there');
  assert.equal(preview(last({ kind: 'staff', id: 'me' }, 'On it'), 'me'), 'You: On it');
  assert.equal(preview(last({ kind: 'staff', id: 'bob' }, 'On it'), 'me'), 'Agent: On it');
  assert.equal(preview(last({ kind: 'staff', id: 'me' }, 'VIP', true), 'me'), 'Note: VIP');
  assert.equal(preview(last({ kind: 'visitor', id: 'v' }, ''), 'me'), 'Sent an attachment');
  assert.equal(preview(item('q'), 'me'), 'No messages yet');
});

test('visitor.updated patches every row of that visitor: name, email, identified badge', () => {
  let s = addItems(emptyInbox(all), [item('a', { lastActivityAt: 3 }), item('b', { lastActivityAt: 2 }), item('c', { lastActivityAt: 1 })], null);
  s = addItems(s, [item('b', { lastActivityAt: 2, visitorId: 'v-a', visitor: { id: 'v-a', label: 'Label a', identified: false } })]);
  const visitor = { id: 'v-a', siteId: 's1', identified: true, name: 'Ben Ortiz', email: 'ben@example.com', emailVerified: true, label: 'Label a', context: {}, firstSeenAt: 1, lastSeenAt: 9 };
  const next = applyVisitorUpdate(s, visitor, ['a', 'b']);
  assert.deepEqual(next.byId.a.visitor, { id: 'v-a', name: 'Ben Ortiz', email: 'ben@example.com', label: 'Label a', identified: true });
  assert.equal(next.byId.b.visitor.name, 'Ben Ortiz');
  assert.equal(next.byId.c, s.byId.c, 'other visitors untouched');
  assert.deepEqual(next.order, s.order, 'a visitor change does not reorder');
  assert.equal(applyVisitorUpdate(next, visitor, ['a', 'b']), next, 'nothing new: same state');
});

test('visitor.updated after an identify merge: rows of the anonymous visitor are matched by conversation id', () => {
  const s = addItems(emptyInbox(all), [item('a')], null);
  const visitor = { id: 'v-known', siteId: 's1', identified: true, name: 'Grace', label: 'Red Fox', context: {}, firstSeenAt: 1, lastSeenAt: 2 };
  const next = applyVisitorUpdate(s, visitor, ['a']);
  assert.equal(next.byId.a.visitor.id, 'v-known');
  assert.equal(next.byId.a.visitorId, 'v-known');
  assert.equal(next.byId.a.visitor.identified, true);
});

test('conversation.erased (privacy): the row goes, whichever view, tombstone or not', () => {
  const s = addItems(emptyInbox(all), [item('a', { lastActivityAt: 30 }), item('b', { lastActivityAt: 20 })], null);
  for (const tombstone of [false, true]) {
    const r = applyInboxEvent(s, { kind: 'conversation.erased', conversationId: 'b', seq: 9, cursor: 40, visitorId: 'v1', tombstone }, 'me');
    assert.deepEqual(r.state.order, ['a']);
    assert.equal(r.state.byId.b, undefined);
    assert.equal(r.fetch, undefined, 'nothing is fetched back');
  }
});
