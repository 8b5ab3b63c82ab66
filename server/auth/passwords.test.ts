import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords.ts';

const FAST = { N: 1024, r: 8, p: 1 };

test('a hash verifies its own password and no other', async () => {
  const hash = await hashPassword('correct horse', FAST);
  assert.match(hash, /^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.equal(await verifyPassword('correct horse', hash), true);
  assert.equal(await verifyPassword('correct horsE', hash), false);
  assert.equal(await verifyPassword('', hash), false);
});

test('each hash has its own salt', async () => {
  const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('same', b), true);
});

test('the default parameters are OWASP\'s scrypt minimum, N = 2^17, r = 8, p = 1; weaker hashes need a rehash', async () => {
  const hash = await hashPassword('pw');
  assert.ok(hash.startsWith('scrypt$131072$8$1$'));
  assert.equal(await verifyPassword('pw', hash), true);
  assert.equal(needsRehash(hash), false);
  assert.equal(needsRehash(await hashPassword('pw', { N: 16384, r: 8, p: 1 })), true);
  assert.equal(needsRehash('not a hash'), false, 'nothing to upgrade');
});

test('malformed or hostile stored hashes are false, never a throw', async () => {
  for (const bad of ['', 'plain', 'scrypt$1024$8$1$salt', 'bcrypt$1$2$3$4$5', 'scrypt$1000$8$1$c2FsdA$aGFzaA', 'scrypt$1073741824$8$1$c2FsdA$aGFzaA']) {
    assert.equal(await verifyPassword('x', bad), false, bad);
  }
});

test('generated passwords are long and different', () => {
  const a = generatePassword();
  assert.ok(a.length >= 20);
  assert.notEqual(a, generatePassword());
});
