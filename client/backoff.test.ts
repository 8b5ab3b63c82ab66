import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffCeiling, createBackoff } from './backoff.ts';
import { seededRandom } from './testing/fake-env.ts';

test('ceiling doubles from base and stops at the cap', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7].map((a) => backoffCeiling(a, 500, 30_000)),
    [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000],
  );
  assert.equal(backoffCeiling(10_000, 500, 30_000), 30_000); // no overflow, no attempt limit
});

test('full jitter: random 0 gives 0, random just below 1 gives just below the ceiling', () => {
  const low = createBackoff({ baseMs: 500, capMs: 30_000, random: () => 0 });
  assert.deepEqual([low.next(), low.next()], [0, 0]);
  const high = createBackoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
  assert.deepEqual([high.next(), high.next(), high.next()], [499, 999, 1999]);
});

test('every delay stays within [0, ceiling) and keeps going past any attempt count', () => {
  const b = createBackoff({ baseMs: 500, capMs: 30_000, random: seededRandom(7) });
  for (let attempt = 0; attempt < 200; attempt++) {
    const d = b.next();
    assert.ok(d >= 0 && d < backoffCeiling(attempt, 500, 30_000), `attempt ${attempt}: ${d}`);
  }
});

test('jitter is spread evenly over the window, not clustered at the ceiling', () => {
  const random = seededRandom(1);
  const buckets = [0, 0, 0, 0];
  const n = 4000;
  for (let i = 0; i < n; i++) {
    const b = createBackoff({ baseMs: 500, capMs: 30_000, random });
    for (let k = 0; k < 8; k++) b.next(); // attempt 8: ceiling is the cap
    buckets[Math.floor((b.next() / 30_000) * 4)]++;
  }
  for (const count of buckets) assert.ok(Math.abs(count - n / 4) < n * 0.05, `buckets ${buckets}`);
});

test('reset starts again from the base', () => {
  const b = createBackoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
  b.next();
  b.next();
  b.next();
  assert.equal(b.attempt, 3);
  b.reset();
  assert.equal(b.attempt, 0);
  assert.equal(b.next(), 499);
});
