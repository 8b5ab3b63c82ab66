import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTypingThrottle } from './typing-throttle.ts';

/** A clock and timers that move only when the test says so; due timers fire in order. */
function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => (timers.set(next, { at: now + ms, fn }), next++),
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

test('typing: true is sent once, refreshed every refreshMs while typing, false after idleMs', () => {
  const clock = fakeClock();
  const sent: boolean[] = [];
  const t = createTypingThrottle({ ...clock, send: (v) => sent.push(v) });
  t.keystroke();
  clock.advance(500);
  t.keystroke();
  clock.advance(1000);
  t.keystroke();
  assert.deepEqual(sent, [true]);
  clock.advance(600); // 2.1 s after the first: the default refresh is due
  t.keystroke();
  assert.deepEqual(sent, [true, true]);
  clock.advance(2999);
  assert.deepEqual(sent, [true, true], 'the last key restarted the idle timer');
  clock.advance(1);
  assert.deepEqual(sent, [true, true, false]);
});

test('refreshMs and idleMs are options', () => {
  const clock = fakeClock();
  const sent: boolean[] = [];
  const t = createTypingThrottle({ ...clock, send: (v) => sent.push(v), refreshMs: 500, idleMs: 800 });
  t.keystroke();
  clock.advance(500);
  t.keystroke();
  assert.deepEqual(sent, [true, true]);
  clock.advance(800);
  assert.deepEqual(sent, [true, true, false]);
});

test('stop sends false once, only after true, and cancels the idle timer; typing again starts anew', () => {
  const clock = fakeClock();
  const sent: boolean[] = [];
  const t = createTypingThrottle({ ...clock, send: (v) => sent.push(v) });
  t.stop();
  assert.deepEqual(sent, []);
  t.keystroke();
  t.stop();
  t.stop();
  clock.advance(10_000);
  assert.deepEqual(sent, [true, false]);
  t.keystroke(); // right after sending: a new signal, not throttled by the previous one
  assert.deepEqual(sent, [true, false, true]);
});
