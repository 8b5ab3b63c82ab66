import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Visitor } from '../../protocol/index.ts';
import {
  applyConversationEvent,
  emptyConversation,
  holdsSeq,
  mergeMessages,
  oldestSeq,
  seenMarkSeq,
  setStaffTyping,
  staffTypingText,
  withDetails,
  withPage,
  withVisitorUpdate,
} from './conversation.ts';
import { conv, msg } from './fixtures.test-helpers.ts';

test('newest page first, older pages prepend, duplicates dropped', () => {
  let s = withPage(emptyConversation('c1'), { messages: [msg(4), msg(5)], hasMore: true }, false);
  assert.equal(oldestSeq(s), 4);
  s = withPage(s, { messages: [msg(2), msg(3), msg(4)], hasMore: false }, true);
  assert.deepEqual(s.messages.map((m) => m.seq), [2, 3, 4, 5]);
  assert.equal(s.hasMore, false);
});

test('live messages append once; other conversations are ignored', () => {
  let s = withPage(emptyConversation('c1'), { messages: [msg(1)], hasMore: false }, false);
  const e = { kind: 'message.created' as const, conversationId: 'c1', seq: 2, cursor: 2, message: msg(2) };
  s = applyConversationEvent(applyConversationEvent(s, e), e);
  assert.deepEqual(s.messages.map((m) => m.seq), [1, 2]);
  assert.equal(applyConversationEvent(s, { ...e, conversationId: 'other' }), s);
});

test('a visitor message clears their typing indicator; deletion blanks the bubble', () => {
  let s = { ...withPage(emptyConversation('c1'), { messages: [msg(1)], hasMore: false }, false), visitorTyping: true };
  s = applyConversationEvent(s, { kind: 'message.created', conversationId: 'c1', seq: 2, cursor: 2, message: msg(2) });
  assert.equal(s.visitorTyping, false);
  s = applyConversationEvent(s, { kind: 'message.deleted', conversationId: 'c1', seq: 3, cursor: 3, messageId: 'm1', by: { kind: 'staff', id: 'me' } });
  assert.equal(s.messages[0].deleted, true);
  assert.equal(s.messages[0].text, '');
});

test('visitor read cursor only moves forward and ignores staff reads', () => {
  let s = withDetails(emptyConversation('c1'), conv('c1', { reads: [{ reader: { kind: 'visitor', id: 'v' }, seq: 3 }] }), {
    id: 'v', siteId: 's1', identified: false, label: 'Blue Otter', context: {}, firstSeenAt: 1, lastSeenAt: 1,
  });
  assert.equal(s.visitorReadSeq, 3);
  s = applyConversationEvent(s, { kind: 'read.moved', conversationId: 'c1', seq: 9, cursor: 9, reader: { kind: 'staff', id: 'x' }, upTo: 8 });
  assert.equal(s.visitorReadSeq, 3);
  s = applyConversationEvent(s, { kind: 'read.moved', conversationId: 'c1', seq: 10, cursor: 10, reader: { kind: 'visitor', id: 'v' }, upTo: 7 });
  assert.equal(s.visitorReadSeq, 7);
  assert.equal(s.conversation?.lastSeq, 10);
});

test('Seen goes on the newest staff reply the visitor read, never on a note', () => {
  const staff = { kind: 'staff' as const, id: 'me' };
  const list = [msg(1), msg(2, { author: staff }), msg(3, { author: staff, note: true }), msg(4, { author: staff }), msg(5)];
  assert.equal(seenMarkSeq(list, 3), 2);
  assert.equal(seenMarkSeq(list, 5), 4);
  assert.equal(seenMarkSeq(list, 1), null);
});

test('mergeMessages keeps the later copy of a seq', () => {
  const merged = mergeMessages([msg(1, { text: 'a' })], [msg(1, { text: '', deleted: true })]);
  assert.equal(merged.length, 1);
  assert.equal(merged[0].deleted, true);
});

test('colleague typing: names by staff id, a message from them ends it, text for one or several', () => {
  let s = emptyConversation('c1');
  s = setStaffTyping(s, 'st2', 'Ben');
  assert.equal(setStaffTyping(s, 'st2', 'Ben'), s, 'a refresh changes nothing');
  s = setStaffTyping(s, 'st3', 'Ada');
  assert.equal(staffTypingText(s.staffTyping), 'Ada and Ben are typing…');
  s = applyConversationEvent(s, { kind: 'message.created', conversationId: 'c1', seq: 1, cursor: 1, message: msg(1, { author: { kind: 'staff', id: 'st3' } }) });
  assert.equal(staffTypingText(s.staffTyping), 'Ben is typing…');
  s = setStaffTyping(s, 'st2', null);
  assert.equal(staffTypingText(s.staffTyping), null);
  assert.equal(setStaffTyping(s, 'st2', null), s);
  assert.equal(staffTypingText({ a: 'Cy', b: 'Ada', c: 'Ben' }), 'Ada, Ben, and Cy are typing…');
});

test('visitor.updated replaces the visitor of the open conversation, by visitor or by conversation id', () => {
  const base = withDetails(emptyConversation('c1'), conv('c1', { visitorId: 'v-anon' }), visitor('v-anon'));
  const renamed = withVisitorUpdate(base, { ...visitor('v-anon'), context: { url: 'https://a.example/cart' } }, ['c1']);
  assert.equal(renamed.visitor?.context.url, 'https://a.example/cart');
  const merged = withVisitorUpdate(base, { ...visitor('v-known'), identified: true, name: 'Ben' }, ['c0', 'c1']);
  assert.equal(merged.visitor?.id, 'v-known');
  assert.equal(merged.conversation?.visitorId, 'v-known');
  assert.equal(withVisitorUpdate(base, visitor('v-other'), ['c9']), base, 'someone else: unchanged');
});

test('holdsSeq: a focused message is loaded once the oldest held seq reaches it, or history ends', () => {
  const s = withPage(emptyConversation('c1'), { messages: [msg(40), msg(41)], hasMore: true }, false);
  assert.equal(holdsSeq(s, 12), false);
  assert.equal(holdsSeq(s, 40), true);
  assert.equal(holdsSeq({ ...s, hasMore: false }, 12), true);
  assert.equal(holdsSeq(emptyConversation('c1'), 3), false);
});

function visitor(id: string): Visitor {
  return { id, siteId: 's1', identified: false, label: 'Blue Otter', context: {}, firstSeenAt: 1, lastSeenAt: 1 };
}

test('conversation.erased (privacy): the open conversation shows nothing of it any more', () => {
  let s = withPage(emptyConversation('c1'), { messages: [msg(1), msg(2)], hasMore: true }, false);
  s = applyConversationEvent(s, { kind: 'conversation.erased', conversationId: 'c1', seq: 3, cursor: 3, visitorId: 'v1', tombstone: false });
  assert.deepEqual([s.messages, s.timeline, s.hasMore, s.conversation, s.visitor, s.erased], [[], [], false, null, null, true]);
  assert.equal(applyConversationEvent(s, { kind: 'conversation.erased', conversationId: 'c2', seq: 3, cursor: 4, visitorId: 'v2', tombstone: false }), s, 'another conversation is ignored');
});
