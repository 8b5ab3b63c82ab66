import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerEvent } from '../../protocol/index.ts';
import { createSeqOrder } from './seq-order.ts';

/** Timers the test fires by hand: nothing here depends on the clock. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    timers: {
      setTimeout: (fn: () => void) => (pending.set(++next, fn), next),
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    fireAll() {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
    },
    get armed() {
      return pending.size;
    },
  };
}

const ev = (conversationId: string, seq: number): ServerEvent => ({ kind: 'read.moved', conversationId, seq, cursor: seq, reader: { kind: 'visitor', id: 'v' }, upTo: 0 });
const typing: ServerEvent = { kind: 'typing', conversationId: 'c', actor: { kind: 'visitor', id: 'v' }, typing: true };

function setup(maxConversations = 100) {
  const out: string[] = [];
  const t = manualTimers();
  const order = createSeqOrder((e) => out.push('seq' in e ? `${e.conversationId}:${e.seq}` : e.kind), { gapWaitMs: 50, maxConversations, timers: t.timers });
  return { out, t, order };
}

test('an event that overtook a lower seq waits for it, then both go out in seq order', () => {
  const { out, t, order } = setup();
  order.push(ev('c', 5));
  order.push(ev('c', 7));
  order.push(typing); // ephemeral: never held
  assert.deepEqual(out, ['c:5', 'typing']);
  order.push(ev('c', 6));
  assert.deepEqual(out, ['c:5', 'typing', 'c:6', 'c:7']);
  assert.equal(t.armed, 0, 'the wait is cancelled once the gap filled');
});

test('a gap that never fills (a note the visitor does not get) is let through after the wait, lowest first', () => {
  const { out, t, order } = setup();
  order.push(ev('c', 1));
  order.push(ev('c', 4));
  order.push(ev('c', 3));
  assert.deepEqual(out, ['c:1']);
  t.fireAll();
  assert.deepEqual(out, ['c:1', 'c:3', 'c:4']);
  order.push(ev('c', 5));
  assert.deepEqual(out, ['c:1', 'c:3', 'c:4', 'c:5']);
});

test('conversations are ordered independently; a late event is still delivered', () => {
  const { out, t, order } = setup();
  order.push(ev('a', 1));
  order.push(ev('b', 9));
  order.push(ev('a', 3));
  order.push(ev('b', 10));
  assert.deepEqual(out, ['a:1', 'b:9', 'b:10']);
  t.fireAll();
  order.push(ev('a', 2)); // arrived after its wait ran out
  assert.deepEqual(out, ['a:1', 'b:9', 'b:10', 'a:3', 'a:2']);
});

test('only so many conversations are remembered, and never one with events waiting', () => {
  const { out, order } = setup(2);
  order.push(ev('a', 1));
  order.push(ev('a', 3)); // waiting on a:2
  order.push(ev('b', 1));
  order.push(ev('c', 1)); // forgets b, not a
  order.push(ev('a', 2));
  assert.deepEqual(out, ['a:1', 'b:1', 'c:1', 'a:2', 'a:3']);
});

test('dispose drops waiting events and timers', () => {
  const { out, t, order } = setup();
  order.push(ev('c', 1));
  order.push(ev('c', 3));
  order.dispose();
  t.fireAll();
  order.push(ev('c', 2));
  assert.deepEqual(out, ['c:1']);
});
