import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent } from '../protocol/index.ts';
import { createHoles, type FetchRange } from './holes.ts';
import { createResumeTracker } from './resume.ts';
import { memoryStorage } from './storage.ts';
import { helloResult } from './testing/fake-env.ts';

/** A read receipt as the server would send it: seq and cursor, and prevVisibleSeq when visitors may see it. */
const ev = (conversationId: string, seq: number, cursor: number, prevVisibleSeq?: number): DurableEvent => ({
  kind: 'read.moved',
  conversationId,
  seq,
  cursor,
  ...(prevVisibleSeq === undefined ? {} : { prevVisibleSeq }),
  reader: { kind: 'visitor', id: 'v' },
  upTo: seq,
});

function setup(role: 'staff' | 'visitor', cursor = 0) {
  const positions = createResumeTracker(memoryStorage(), 'k');
  const emitted: DurableEvent[] = [];
  const fetches: { range: FetchRange; answer: (upTo?: number) => void }[] = [];
  const gaveUp: string[] = [];
  const holes = createHoles({
    positions,
    emit: (e) => emitted.push(e),
    fetch: (range, answer) => fetches.push({ range, answer }),
    giveUp: (r) => gaveUp.push(r),
  });
  const hello = helloResult({ role, resume: { reload: [], replayed: 0, ...(role === 'staff' ? { cursor } : {}) } });
  positions.hello(hello);
  holes.hello(hello);
  holes.ready(hello);
  return { positions, holes, emitted, fetches, gaveUp, cursors: () => emitted.map((e) => e.cursor), seqs: () => emitted.map((e) => e.seq) };
}

test('staff: an event above cursor + 1 is held, the range fetched, and everything handed over in cursor order, once', () => {
  const s = setup('staff', 10);
  s.holes.receive(ev('a', 1, 11));
  s.holes.receive(ev('b', 1, 13));
  s.holes.receive(ev('a', 2, 14));
  assert.deepEqual(s.cursors(), [11], 'held behind the hole at 12');
  assert.deepEqual(s.fetches.map((f) => f.range), [{ after: 11, until: 12 }], 'one fetch for the missing range');
  // The fetched event arrives as an ordinary frame, then a live repeat, then the ack.
  s.holes.receive(ev('c', 1, 12));
  s.holes.receive(ev('b', 1, 13));
  s.fetches[0].answer(12);
  assert.deepEqual(s.cursors(), [11, 12, 13, 14]);
  assert.equal(s.positions.cursor, 14);
  assert.equal(s.fetches.length, 1, 'nothing else to fetch');
});

test('staff: positions the answer covers but that never came do not exist (old cursor gaps) and are skipped', () => {
  const s = setup('staff', 5);
  s.holes.receive(ev('a', 1, 9));
  assert.deepEqual(s.fetches[0].range, { after: 5, until: 8 });
  s.fetches[0].answer(8);
  assert.deepEqual(s.cursors(), [9]);
  assert.equal(s.positions.cursor, 9);
});

test('staff: a partial answer (one page) is continued from where it ended', () => {
  const s = setup('staff', 0);
  s.holes.receive(ev('a', 5, 5));
  s.holes.receive(ev('a', 1, 1));
  s.holes.receive(ev('a', 2, 2));
  s.fetches[0].answer(2);
  assert.deepEqual(s.fetches[1].range, { after: 2, until: 4 });
  s.holes.receive(ev('a', 3, 3));
  s.holes.receive(ev('a', 4, 4));
  s.fetches[1].answer(4);
  assert.deepEqual(s.cursors(), [1, 2, 3, 4, 5]);
});

test("staff: a heartbeat's high-water mark above the cursor is a hole at the end", () => {
  const s = setup('staff', 3);
  s.holes.mark({ type: 'heartbeat', t: 1, cursor: 3 });
  assert.equal(s.fetches.length, 0, 'holding the mark: nothing to do');
  s.holes.mark({ type: 'heartbeat', t: 2, cursor: 5 });
  assert.deepEqual(s.fetches[0].range, { after: 3, until: 5 });
  s.holes.receive(ev('a', 1, 4));
  s.holes.receive(ev('a', 2, 5));
  s.fetches[0].answer(5);
  assert.deepEqual(s.cursors(), [4, 5]);
});

test('visitor: a note (a seq they never see) is no hole; prevVisibleSeq above what they hold is', () => {
  const s = setup('visitor');
  s.holes.receive(ev('a', 1, 1, 0));
  s.holes.receive(ev('a', 3, 3, 1)); // seq 2 was a note
  assert.deepEqual(s.seqs(), [1, 3]);
  assert.equal(s.fetches.length, 0);
  s.holes.receive(ev('a', 6, 7, 5)); // 4 (a note) and 5 (visible) missing
  assert.deepEqual(s.fetches[0].range, { conversationId: 'a', after: 3, until: 5 });
  s.holes.receive(ev('b', 1, 8, 0));
  assert.deepEqual(s.seqs(), [1, 3, 1], 'other conversations are not held up');
  s.holes.receive(ev('a', 5, 6, 3));
  s.fetches[0].answer(5);
  assert.deepEqual(s.emitted.filter((e) => e.conversationId === 'a').map((e) => e.seq), [1, 3, 5, 6]);
  assert.deepEqual(s.positions.point(), { conversations: { a: 6, b: 1 } });
});

test('visitor: heartbeat seqs above what is held are fetched; conversations to reload are not checked', () => {
  const s = setup('visitor');
  s.holes.receive(ev('a', 1, 1, 0));
  s.holes.mark({ type: 'heartbeat', t: 1, seqs: { a: 2 } });
  assert.deepEqual(s.fetches[0].range, { conversationId: 'a', after: 1, until: 2 });

  const r = setup('visitor');
  const hello = helloResult({ role: 'visitor', resume: { reload: ['x'], replayed: 0 } });
  r.positions.setSeq('x', 50); // a backup was restored under this client
  r.positions.hello(hello);
  r.holes.hello(hello);
  r.holes.ready(hello);
  r.holes.receive(ev('x', 11, 11, 10));
  r.holes.mark({ type: 'heartbeat', t: 1, seqs: { x: 11 } });
  assert.deepEqual(r.seqs(), [11], 'passed on, no hole check, not dropped as seen');
  assert.equal(r.fetches.length, 0);
  r.holes.markSeen('x', 10);
  assert.equal(r.positions.seq('x'), 11, 'REST up to 10 plus live 11: resume after 11');
  r.holes.receive(ev('x', 13, 13, 12));
  assert.deepEqual(r.fetches[0].range, { conversationId: 'x', after: 11, until: 12 }, 'checked again after markSeen');
});

test('visitor: markSeen covers held events the app loaded through REST (not handed over twice)', () => {
  const s = setup('visitor');
  s.holes.receive(ev('a', 4, 4, 3));
  s.holes.receive(ev('a', 5, 5, 4));
  s.holes.markSeen('a', 4);
  assert.deepEqual(s.seqs(), [5]);
});

test('nothing is fetched during the resume replay; a failed fetch or too much held gives up (resume instead)', () => {
  const positions = createResumeTracker(memoryStorage(), 'k');
  const fetches: FetchRange[] = [];
  const gaveUp: string[] = [];
  const emitted: number[] = [];
  const holes = createHoles({ positions, emit: (e) => emitted.push(e.cursor), fetch: (r, answer) => (fetches.push(r), answer()), giveUp: (r) => gaveUp.push(r) });
  const hello = helloResult({ role: 'staff', resume: { reload: [], replayed: 2, cursor: 9 } });
  positions.setCursor(5);
  positions.hello(hello);
  holes.hello(hello);
  holes.receive(ev('a', 1, 6));
  holes.receive(ev('a', 2, 9)); // cursors 7 and 8 are an old gap
  assert.equal(fetches.length, 0, 'the replay fills holes by itself');
  holes.ready(hello);
  assert.deepEqual(emitted, [6, 9], 'the replay is complete through the ack cursor');
  holes.receive(ev('a', 3, 12));
  assert.equal(fetches.length, 1);
  assert.deepEqual(gaveUp, ['hole not filled']);

  const s = setup('staff', 0);
  for (let c = 2; c < 5_003; c++) s.holes.receive(ev('a', c, c));
  assert.deepEqual(s.gaveUp, ['too many events behind a hole']);
});
