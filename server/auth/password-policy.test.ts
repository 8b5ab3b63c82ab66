import assert from 'node:assert/strict';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { test } from 'node:test';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';

test('at least 12 characters (counted as characters, not UTF-16 units)', () => {
  assert.equal(MIN_PASSWORD_LENGTH, 12);
  assert.match(passwordProblem('short-pw-11', 'ada@acme.test')!, /at least 12 characters/);
  assert.match(passwordProblem('🐻🐻🐻🐻🐻🐻', 'ada@acme.test')!, /at least 12 characters/, '6 bears are 12 UTF-16 units but 6 characters');
  assert.equal(passwordProblem('correct horse battery', 'ada@acme.test'), null);
});

test('not the email, in any case, nor its local part', () => {
  assert.match(passwordProblem('Ada.Lovelace@Acme.test', 'ada.lovelace@acme.test')!, /may not be your email/);
  assert.match(passwordProblem('ada.lovelace', 'ada.lovelace@acme.test')!, /may not be your email/);
});

test('the shipped list: a few thousand common passwords of 12+ characters, refused in any case', () => {
  const list = COMMON_PASSWORDS.split('\n').filter(Boolean);
  assert.ok(list.length >= 3000, `${list.length} entries`);
  assert.ok(list.every((p) => p.length >= 12 && p === p.toLowerCase()));
  for (const p of ['password1234', 'QWERTYUIOP12', '123456789012', 'qwerty123456']) assert.match(passwordProblem(p, 'ada@acme.test')!, /most common/, p);
});
