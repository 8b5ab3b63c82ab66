import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickWaiting, type AssignCandidate } from '../../store/assignment-records.ts';
import { placesInTeams } from './queue-notices.ts';

const entry = (conversationId: string, teamId: string | null, since: number) => ({ conversationId, visitorId: `v-${conversationId}`, since, teamId });
const cand = (staffId: string, capacity: number, teams: string[]): AssignCandidate => ({ staffId, capacity, teams });

test('a visitor\'s place is their place in their own team\'s queue', () => {
  const places = placesInTeams([entry('a', 'billing', 1), entry('b', null, 2), entry('c', 'billing', 3), entry('d', 'sales', 4), entry('e', null, 5)]);
  assert.deepEqual(places.map((p) => [p.entry.conversationId, p.position]), [['a', 1], ['b', 1], ['c', 2], ['d', 1], ['e', 2]]);
});

test('the oldest head some member has room for goes first; a full team holds up no other; a conversation without a team goes to anyone', () => {
  const heads = [
    { id: 'b1', visitor_id: 'v1', team_id: 'billing' },
    { id: 's1', visitor_id: 'v2', team_id: 'sales' },
    { id: 'n1', visitor_id: 'v3', team_id: null },
  ];
  const alice = cand('alice', 1, ['billing']);
  const bob = cand('bob', 2, ['sales']);
  // Alice is full: Billing's head waits, Sales' goes to Bob.
  assert.deepEqual(pickWaiting(heads, [alice, bob], { alice: 1 }, {}, 'least_busy'), { head: heads[1], agent: bob });
  // Bob full too: the no-team head goes to whoever has room, Alice's team does not matter.
  assert.deepEqual(pickWaiting(heads, [cand('alice', 2, ['billing']), bob], { alice: 1, bob: 2 }, {}, 'least_busy')?.head.id, 'b1');
  assert.equal(pickWaiting(heads.slice(0, 2), [cand('carol', 5, [])], {}, {}, 'round_robin'), null, 'no member, no assignment');
  assert.deepEqual(pickWaiting(heads, [cand('carol', 5, [])], {}, {}, 'round_robin')?.head.id, 'n1');
});
