import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMember, membersOf, removeMember, type OneOrMore } from './one-or-more.ts';

test('one member is kept as it is, a Set from the second on, and the key goes with the last', () => {
  const m = new Map<string, OneOrMore<string>>();
  addMember(m, 'k', 'a');
  assert.equal(m.get('k'), 'a', 'no Set for one member');
  addMember(m, 'k', 'a');
  assert.equal(m.get('k'), 'a', 'adding it again changes nothing');
  addMember(m, 'k', 'b');
  assert.ok(m.get('k') instanceof Set);
  assert.deepEqual(membersOf(m.get('k')), ['a', 'b']);
  assert.equal(removeMember(m, 'k', 'x'), false);
  assert.equal(removeMember(m, 'k', 'a'), true);
  assert.deepEqual(membersOf(m.get('k')), ['b']);
  assert.equal(removeMember(m, 'k', 'b'), true);
  assert.equal(m.has('k'), false);
  assert.equal(removeMember(m, 'k', 'b'), false);
  assert.deepEqual(membersOf(m.get('k')), []);
  addMember(m, 'k', 'c');
  assert.equal(removeMember(m, 'k', 'd'), false, 'another value of a one-member key is not there');
  assert.equal(m.get('k'), 'c');
});

test('membersOf is a copy: members added or removed while going through it do not change the pass', () => {
  const m = new Map<string, OneOrMore<number>>();
  addMember(m, 'k', 1);
  addMember(m, 'k', 2);
  const seen: number[] = [];
  for (const n of membersOf(m.get('k'))) {
    seen.push(n);
    removeMember(m, 'k', 2);
    addMember(m, 'k', 3);
  }
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(membersOf(m.get('k')), [1, 3]);
});
