import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalThrottle } from './throttle.ts';

test('local throttle: takeNow (no promise, what sessions use) and take share one bucket per key and rule', async () => {
  let t = 0;
  const throttle = createLocalThrottle(() => t);
  const rule = { name: 'commands', burst: 2, perSec: 1 };
  assert.deepEqual(throttle.takeNow('visitor:v1', rule), { ok: true });
  assert.deepEqual(await throttle.take('visitor:v1', rule), { ok: true });
  const refused = throttle.takeNow('visitor:v1', rule);
  assert.equal(refused.ok, false, 'the burst is spent whichever way it was taken');
  assert.equal((await throttle.take('visitor:v1', rule)).ok, false);
  assert.deepEqual(throttle.takeNow('visitor:v2', rule), { ok: true }, 'another key has its own bucket');
  t += 1000;
  assert.deepEqual(throttle.takeNow('visitor:v1', rule), { ok: true }, 'refilled at perSec');
});

test('local throttle: two equal rules share their buckets, whether one object is reused or each take makes its own', () => {
  const throttle = createLocalThrottle(() => 0);
  const rule = { name: 'rest-send', burst: 2, perSec: 1 };
  assert.deepEqual(throttle.takeNow('k', rule), { ok: true });
  assert.deepEqual(throttle.takeNow('k', { ...rule }), { ok: true }, 'an equal rule made apart: the same bucket');
  assert.equal(throttle.takeNow('k', rule).ok, false, 'the rule reused: its buckets found again, the burst spent');
  assert.deepEqual(throttle.takeNow('k', { ...rule, burst: 3 }), { ok: true }, 'another burst: buckets of its own');
  assert.deepEqual(throttle.takeNow('k', { ...rule, name: 'rest-upload' }), { ok: true }, 'another name: buckets of its own');
});

test("local throttle: a rule's id is derived on its first take, not on every take", () => {
  const throttle = createLocalThrottle(() => 0);
  let reads = 0;
  const rule = { get name() { return reads++, 'commands'; }, burst: 100, perSec: 1 };
  for (let i = 0; i < 10; i++) throttle.takeNow('k' + i, rule);
  assert.equal(reads, 1, 'its name was read once, for its id');
});
