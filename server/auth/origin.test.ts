import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOriginAllowed, isValidOriginPattern } from './origin.ts';

test('exact origins match after normalization, nothing else does', () => {
  const list = ['https://shop.example', 'http://app.example:8080'];
  assert.equal(isOriginAllowed(list, 'https://shop.example'), true);
  assert.equal(isOriginAllowed(list, 'https://SHOP.example'), true);
  assert.equal(isOriginAllowed(list, 'https://shop.example:443'), true);
  assert.equal(isOriginAllowed(list, 'http://shop.example'), false);
  assert.equal(isOriginAllowed(list, 'https://evil.example'), false);
  assert.equal(isOriginAllowed(list, 'https://shop.example.evil.example'), false);
  assert.equal(isOriginAllowed(list, 'http://app.example:8080'), true);
  assert.equal(isOriginAllowed(list, 'http://app.example:8081'), false);
  assert.equal(isOriginAllowed(list, 'not a url'), false);
});

test('port wildcards match any port of the same scheme and host', () => {
  const list = ['http://localhost:*', 'http://127.0.0.1:*'];
  assert.equal(isOriginAllowed(list, 'http://localhost:5173'), true);
  assert.equal(isOriginAllowed(list, 'http://localhost'), true);
  assert.equal(isOriginAllowed(list, 'http://127.0.0.1:3000'), true);
  assert.equal(isOriginAllowed(list, 'https://localhost:5173'), false);
  assert.equal(isOriginAllowed(list, 'http://localhost.evil.example:80'), false);
});

test('a missing Origin is allowed; the literal "null" origin is not unless listed', () => {
  assert.equal(isOriginAllowed(['https://a.example'], null), true);
  assert.equal(isOriginAllowed(['https://a.example'], undefined), true);
  assert.equal(isOriginAllowed(['https://a.example'], 'null'), false);
  assert.equal(isOriginAllowed(['null'], 'null'), true);
  assert.equal(isOriginAllowed([], 'https://a.example'), false);
});

test('origin patterns are validated', () => {
  for (const ok of ['https://a.example', 'http://localhost:*', 'http://localhost:3000', '*']) assert.equal(isValidOriginPattern(ok), true, ok);
  for (const bad of ['a.example', 'https://a.example/path', 'ftp://a.example', 'https://a.example?x=1', '']) {
    assert.equal(isValidOriginPattern(bad), false, bad);
  }
});
