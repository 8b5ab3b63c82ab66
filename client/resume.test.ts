import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent } from '../protocol/index.ts';
import { createResumeTracker } from './resume.ts';
import { memoryStorage } from './storage.ts';
import { helloResult } from './testing/fake-env.ts';

const read = (conversationId: string, seq: number, cursor = seq): DurableEvent => ({
  kind: 'read.moved',
  conversationId,
  seq,
  cursor,
  reader: { kind: 'visitor', id: 'v' },
  upTo: seq,
});

test('accepts each seq once per conversation; at or below the highest seen is a duplicate', () => {
  const r = createResumeTracker(memoryStorage(), 'k');
  assert.deepEqual([1, 2, 2, 1, 3].map((s) => r.accept(read('a', s))), [true, true, false, false, true]);
  assert.equal(r.accept(read('b', 1)), true, 'conversations are independent');
  assert.equal(r.accept(read('a', 7)), true, 'gaps are allowed (notes the visitor never sees)');
  assert.equal(r.accept(read('a', 5)), false, 'out-of-date replay after a newer live event');
  assert.deepEqual(r.point(), { conversations: { a: 7, b: 1 }, cursor: 7 });
});

test('the resume point survives a new tracker on the same storage', () => {
  const storage = memoryStorage();
  const a = createResumeTracker(storage, 'k');
  a.accept(read('a', 4, 40));
  a.hello(helloResult({ role: 'visitor' }));
  const b = createResumeTracker(storage, 'k');
  assert.deepEqual(b.point(), { conversations: { a: 4 } }, 'visitor: per-conversation seqs only');
  assert.equal(b.accept(read('a', 4)), false);
});

test('staff resume by the site cursor', () => {
  const r = createResumeTracker(memoryStorage(), 'k');
  r.hello(helloResult({ role: 'staff', resume: { reload: [], replayed: 0, cursor: 100 } }));
  assert.deepEqual(r.point(), { cursor: 100 }, 'first connect adopts the server cursor');
  r.accept(read('a', 1, 105));
  assert.deepEqual(r.point(), { cursor: 105 });
  r.hello(helloResult({ role: 'staff', resume: { reload: [], replayed: 3, cursor: 200 } }));
  assert.deepEqual(r.point(), { cursor: 105 }, 'with a replay pending, the cursor advances event by event');
  r.hello(helloResult({ role: 'staff', resume: { reload: ['site'], replayed: 0, cursor: 300 } }));
  assert.deepEqual(r.point(), { cursor: 300 }, 'after a site reload the server cursor is the new start');
});

test('markSeen moves a conversation forward, never back', () => {
  const r = createResumeTracker(memoryStorage(), 'k');
  r.markSeen('a', 10);
  r.markSeen('a', 4);
  assert.equal(r.accept(read('a', 10)), false);
  assert.equal(r.accept(read('a', 11)), true);
});

test('a visitor (or a client whose role is not known yet) always sends its map, even empty', () => {
  const storage = memoryStorage();
  const r = createResumeTracker(storage, 'k');
  assert.deepEqual(r.point(), { conversations: {} });
  r.hello(helloResult({ role: 'visitor' }));
  assert.deepEqual(createResumeTracker(storage, 'k').point(), { conversations: {} }, 'persisted');
});

test('garbage in storage is ignored rather than sent', () => {
  const storage = memoryStorage();
  storage.setItem('k:resume', JSON.stringify({ role: 'visitor', seqs: { a: 3, b: -1, c: 1.5, d: 'x' }, cursor: -4 }));
  assert.deepEqual(createResumeTracker(storage, 'k').point(), { conversations: { a: 3 } });
  storage.setItem('k:resume', 'not json');
  assert.deepEqual(createResumeTracker(storage, 'k').point(), { conversations: {} });
});
