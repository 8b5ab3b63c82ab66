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
