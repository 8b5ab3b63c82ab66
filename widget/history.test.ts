import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../protocol/index.ts';
import { foldLatestPage } from './history.ts';

const m = (seq: number): Message => ({
  id: 'm' + seq,
  conversationId: 'c',
  seq,
  clientId: 'k' + seq,
  author: { kind: 'staff', id: 's' },
  text: String(seq),
  attachments: [],
  note: false,
  deleted: false,
  createdAt: seq,
});
const seqs = (r: { messages: Message[] }) => r.messages.map((x) => x.seq);

test('a fresh tab takes the newest page as is', () => {
  const r = foldLatestPage([], false, { messages: [m(5), m(6)], hasMore: true, timeline: [] }, false);
  assert.deepEqual([seqs(r), r.hasMore], [[5, 6], true]);
});

test('an overlapping page merges and keeps what we knew about older pages', () => {
  const r = foldLatestPage([m(1), m(3), m(5)], false, { messages: [m(5), m(7)], hasMore: true, timeline: [] }, false);
  assert.deepEqual([seqs(r), r.hasMore], [[1, 3, 5, 7], false]);
});

test('a page that may leave a hole after our newest message replaces the list', () => {
  const r = foldLatestPage([m(1), m(2)], false, { messages: [m(40), m(41)], hasMore: true, timeline: [] }, false);
  assert.deepEqual([seqs(r), r.hasMore], [[40, 41], true]);
});

test('a reload asked by the server (resume too old) replaces the list', () => {
  const r = foldLatestPage([m(1), m(9)], false, { messages: [m(9), m(12)], hasMore: false, timeline: [] }, true);
  assert.deepEqual(seqs(r), [9, 12]);
});
