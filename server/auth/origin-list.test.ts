import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeOrigins, checkOriginPattern } from './origin-list.ts';

test('origins are stored in one spelling: lowercase, no default port, no trailing slash', () => {
  assert.deepEqual(checkOriginPattern(' https://Shop.Example/ '), { ok: true, origin: 'https://shop.example' });
  assert.deepEqual(checkOriginPattern('https://shop.example:443'), { ok: true, origin: 'https://shop.example' });
  assert.deepEqual(checkOriginPattern('http://localhost:8080'), { ok: true, origin: 'http://localhost:8080' });
  assert.deepEqual(checkOriginPattern('http://LOCALHOST:*'), { ok: true, origin: 'http://localhost:*' });
  assert.deepEqual(checkOriginPattern('http://[::1]:3000'), { ok: true, origin: 'http://[::1]:3000' });
  assert.deepEqual(checkOriginPattern('*'), { ok: true, origin: '*' });
  assert.deepEqual(checkOriginPattern('null'), { ok: true, origin: 'null' });
});

test('paths, queries, credentials, other schemes and a port plus wildcard are refused with a sentence', () => {
  for (const bad of ['https://shop.example/cart', 'https://shop.example?x=1', 'https://u:p@shop.example', 'ftp://shop.example', 'shop.example', 'http://localhost:80:*', '', 'javascript:alert(1)']) {
    const r = checkOriginPattern(bad);
    assert.equal(r.ok, false, bad);
    if (!r.ok) assert.match(r.reason, /is not an origin: write it like https:\/\/shop\.example/);
  }
});

test('adding keeps order without duplicates; removing matches older spellings too', () => {
  assert.deepEqual(changeOrigins(['https://a.example'], ['https://b.example', 'https://a.example'], 'add'), ['https://a.example', 'https://b.example']);
  assert.deepEqual(changeOrigins(['https://A.example/', 'https://b.example'], ['https://a.example'], 'remove'), ['https://b.example']);
});
