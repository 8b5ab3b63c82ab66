import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mentionsIn } from '../../protocol/index.ts';
import { encodeMentions, insertMention, matchMembers, mentionQueryAt } from './mentions.ts';

const team = [
  { id: 'stf_a', name: 'Ada Lovelace' },
  { id: 'stf_b', name: 'Ada King' },
  { id: 'stf_c', name: 'Bob' },
];

test('the composer finds the @query at the caret, matches members by any word, and sends a picked one as a token', () => {
  assert.equal(mentionQueryAt('mail bob@x.com', 14), null, 'an @ inside a word is an address');
  assert.deepEqual(mentionQueryAt('hi @ad', 6), { start: 3, end: 6, query: 'ad' });
  assert.deepEqual(mentionQueryAt('@', 1), { start: 0, end: 1, query: '' });
  assert.equal(mentionQueryAt('@ada\nnext', 9), null, 'a new line ends it');
  assert.deepEqual(matchMembers(team, 'ad').map((m) => m.id), ['stf_a', 'stf_b']);
  assert.deepEqual(matchMembers(team, 'king').map((m) => m.id), ['stf_b']);
  assert.deepEqual(matchMembers(team, '').length, 3);
  const q = mentionQueryAt('ask @ad please', 7)!;
  const next = insertMention('ask @ad please', q, team[1]);
  assert.deepEqual(next, { text: 'ask @Ada King  please', caret: 14 });
  const sent = encodeMentions(next.text, [team[1]]);
  assert.equal(sent, 'ask @[Ada King](stf_b)  please');
  assert.deepEqual(mentionsIn(sent), ['stf_b'], 'exactly the one picked, though two are called Ada');
  assert.equal(encodeMentions('nobody here', [team[0]]), 'nobody here', 'a mention deleted before sending is none');
});
