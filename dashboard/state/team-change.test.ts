import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conversation, DurableEvent } from '../../protocol/index.ts';
import { withTeamChange } from './inbox.ts';
import { entryTexts } from './timeline.ts';

const conv: Conversation = { id: 'c1', siteId: 's', visitorId: 'v', status: 'open', assigneeId: null, lastSeq: 3, lastActivityAt: 1, createdAt: 1, reads: [], teamId: 'tem_a' };
const moved = (teamId: string | null, teamName?: string): DurableEvent => ({
  kind: 'conversation.updated', conversationId: 'c1', seq: 4, cursor: 9, conversation: { ...conv, teamId: undefined }, changes: { teamId }, by: { kind: 'staff', id: 'stf_alice' }, byName: 'Alice', ...(teamName ? { teamName } : {}),
});

test('a row keeps its team through events whose snapshot has none, and takes a new one from a team change', () => {
  const other: DurableEvent = { ...moved(null), changes: { status: 'pending' } } as DurableEvent;
  assert.equal(withTeamChange(conv, other).teamId, 'tem_a');
  assert.equal(withTeamChange(conv, moved('tem_b')).teamId, 'tem_b');
  assert.equal('teamId' in withTeamChange(conv, moved(null)), false);
});

test('the timeline says who moved it to which team', () => {
  const e = moved('tem_b', 'Billing');
  assert.deepEqual(entryTexts(e as Extract<DurableEvent, { kind: 'conversation.updated' }>, 'stf_bob'), ['Alice moved this to Billing']);
});
