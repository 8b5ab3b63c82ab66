import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initials } from './initials.ts';

test('initials: first and last word, one letter for one word, whole graphemes, ? for nothing', () => {
  assert.equal(initials('Ada Lovelace'), 'AL');
  assert.equal(initials('  grace   brewster murray hopper '), 'GH');
  assert.equal(initials('Ben'), 'B');
  assert.equal(initials('Élodie Durand'), 'ÉD');
  assert.equal(initials('👩🏽‍💻 Dev'), '👩🏽‍💻D');
  assert.equal(initials('   '), '?');
});
