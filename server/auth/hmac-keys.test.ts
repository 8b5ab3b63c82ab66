import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT, jwtVerify } from 'jose';
import { createHmacKeyCache, importHmacKey } from './hmac-keys.ts';

test('an imported key signs and verifies like the raw bytes of the secret', async () => {
  const secret = 'a-server-secret-0123456789';
  const bytes = new TextEncoder().encode(secret);
  const key = await importHmacKey(secret);
  const byBytes = await new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'HS256' }).sign(bytes);
  assert.equal((await jwtVerify(byBytes, key, { algorithms: ['HS256'] })).payload.a, 1);
  const byKey = await new SignJWT({ a: 2 }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  assert.equal((await jwtVerify(byKey, bytes, { algorithms: ['HS256'] })).payload.a, 2);
  await assert.rejects(jwtVerify(byKey, key, { algorithms: ['HS512'] }), /alg/, 'algorithms stay pinned');
});

test('the key cache imports a secret once, a different secret separately, and forgets the least recently used', async () => {
  const cache = createHmacKeyCache(2);
  const a = await cache.get('secret-a');
  assert.equal(await cache.get('secret-a'), a, 'same secret: same key object');
  const b = await cache.get('secret-b');
  assert.notEqual(b, a);
  await cache.get('secret-a'); // a is now the most recently used
  await cache.get('secret-c'); // evicts b
  assert.equal(cache.size, 2);
  assert.equal(await cache.get('secret-a'), a, 'a survived');
  assert.notEqual(await cache.get('secret-b'), b, 'b was evicted and imported again');
});
