import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWatchdog, silenceLimit } from './watchdog.ts';
import { ManualClock } from './testing/fake-env.ts';

test('silence limit is two heartbeats plus the margin', () => {
  assert.equal(silenceLimit(30_000, 5_000), 65_000);
});

test('fires once after the limit of silence', () => {
  const clock = new ManualClock();
  let fired = 0;
  const w = createWatchdog(clock, () => fired++);
  w.arm(1000);
  clock.advance(999);
  assert.equal(fired, 0);
  clock.advance(1);
  assert.equal(fired, 1);
  clock.advance(10_000);
  assert.equal(fired, 1, 'not re-armed by itself');
});

test('does not fire while frames keep arriving', () => {
  const clock = new ManualClock();
  let fired = 0;
  const w = createWatchdog(clock, () => fired++);
  w.arm(1000);
  for (let i = 0; i < 50; i++) {
    clock.advance(900);
    w.feed();
  }
  assert.equal(fired, 0);
  clock.advance(1000);
  assert.equal(fired, 1);
});

test('stop cancels; feed after stop does nothing', () => {
  const clock = new ManualClock();
  let fired = 0;
  const w = createWatchdog(clock, () => fired++);
  w.arm(1000);
  w.stop();
  w.feed();
  clock.advance(5000);
  assert.equal(fired, 0);
  assert.deepEqual(clock.pending(), []);
});
