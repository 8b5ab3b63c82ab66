import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createResumeTracker } from './resume.ts';
import { memoryStorage } from './storage.ts';
import { helloResult } from './testing/fake-env.ts';

test('the resume point survives a new tracker on the same storage', () => {
  const storage = memoryStorage();
  const a = createResumeTracker(storage, 'k');
  a.setSeq('a', 4);
  a.setCursor(40);
  a.hello(helloResult({ role: 'visitor' }));
  const b = createResumeTracker(storage, 'k');
  assert.deepEqual(b.point(), { conversations: { a: 4 } }, 'visitor: per-conversation seqs only');
  assert.equal(b.seq('a'), 4);
});

test('staff resume by the site cursor', () => {
  const r = createResumeTracker(memoryStorage(), 'k');
  r.hello(helloResult({ role: 'staff', resume: { reload: [], replayed: 0, cursor: 100 } }));
  assert.deepEqual(r.point(), { cursor: 100 }, 'first connect adopts the server cursor');
  r.setCursor(105);
  r.hello(helloResult({ role: 'staff', resume: { reload: [], replayed: 3, cursor: 200 } }));
  assert.deepEqual(r.point(), { cursor: 105 }, 'with a replay pending, the cursor advances event by event');
  r.setSeq('a', 9);
  r.hello(helloResult({ role: 'staff', resume: { reload: ['site'], replayed: 0, cursor: 30 } }));
  assert.deepEqual(r.point(), { cursor: 30 }, 'after a site reload the server cursor is the new start, even below the old one');
  assert.equal(r.seq('a'), undefined, 'and the per-conversation seqs start over');
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
