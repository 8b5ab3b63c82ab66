import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientIp } from './client-ip.ts';
import { createTokenBuckets } from './token-buckets.ts';

test('token buckets: burst, then refused with a retry time, then refilled by the clock', () => {
  let t = 1_000_000;
  const b = createTokenBuckets({ burst: 3, perSec: 2, now: () => t });
  for (let i = 0; i < 3; i++) assert.deepEqual(b.take('a'), { ok: true });
  assert.deepEqual(b.take('a'), { ok: false, retryAfterSec: 1 });
  assert.deepEqual(b.take('b'), { ok: true }, 'keys do not share a bucket');
  t += 500; // one token back at 2 per second
  assert.deepEqual(b.take('a'), { ok: true });
  assert.equal(b.take('a').ok, false);
});

test('token buckets: memory is bounded; idle buckets go first', () => {
  let t = 0;
  const b = createTokenBuckets({ burst: 2, perSec: 1, now: () => t, maxKeys: 100 });
  b.take('busy');
  b.take('busy');
  for (let i = 0; i < 99; i++) b.take(`idle${i}`);
  t += 5_000; // every bucket has refilled
  b.take('busy');
  b.take('busy');
  b.take('newcomer');
  assert.ok(b.size <= 100, `${b.size} buckets`);
  assert.equal(b.take('busy').ok, false, 'a busy bucket survives the sweep');
  for (let i = 0; i < 1000; i++) b.take(`flood${i}`);
  assert.ok(b.size <= 100, `${b.size} buckets after a flood of new keys`);
});

test('token buckets: a spray of fresh keys does not evict a drained bucket (the account under attack stays limited)', () => {
  const t = 0; // no refill during the spray
  const b = createTokenBuckets({ burst: 10, perSec: 5 / 60, now: () => t, maxKeys: 1000 });
  for (let i = 0; i < 10; i++) assert.equal(b.take('victim@example.com').ok, true);
  assert.equal(b.take('victim@example.com').ok, false, 'drained');
  // Ten times the capacity in other emails, one guess each (as a spray through many addresses would be).
  for (let i = 0; i < 10_000; i++) b.take(`spray${i}@example.com`);
  assert.ok(b.size <= 1000, `${b.size} buckets: memory stays bounded`);
  assert.equal(b.take('victim@example.com').ok, false, 'still limited: the fresh buckets were forgotten first');
});

test('client IP: the socket unless a proxy is trusted, then the entry the proxy appended', () => {
  assert.equal(clientIp('::ffff:10.0.0.7', undefined, false), '10.0.0.7');
  assert.equal(clientIp('10.0.0.7', '1.2.3.4', false), '10.0.0.7', 'X-Forwarded-For is ignored without trust');
  assert.equal(clientIp('127.0.0.1', 'spoofed, 203.0.113.9', true), '203.0.113.9');
  assert.equal(clientIp('127.0.0.1', ['a', '198.51.100.1'], true), '198.51.100.1');
  assert.equal(clientIp('127.0.0.1', '', true), '127.0.0.1');
  assert.equal(clientIp(undefined, undefined, false), 'unknown');
});
