import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import type { DurableEvent } from '../../../protocol/index.ts';
import { api } from '../../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, startTestServer, visitorClient } from '../../realtime/test-helpers.ts';

const returned = (events: DurableEvent[]) => events.filter((e) => e.kind === 'conversation.updated' && e.auto === true && e.changes.assigneeId === null);

/**
 * One process on SQLite, restarted on the same file: an agent who left eight minutes before the restart
 * gives back what waits on them two minutes after it (the site allows ten), not ten minutes after it.
 * Injected clock; the sweeps are the test's (PARLEY_ASSIGNMENT_CHECK_MS=0).
 */
test('an agent away across a restart: the count goes on from when they left, and their conversation goes back once', async () => {
  let clock = Date.parse('2026-12-02T09:00:00Z');
  const opts = { assignmentCheckMs: 0, visitorOfflineGraceMs: 0 };
  const first = await startTestServer(opts, { now: () => clock });
  const t = await createTestSite(first);
  const res = await api(first, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { assignment: { mode: 'least_busy', awayTimeoutMinutes: 10 } } } });
  assert.equal(res.status, 200);
  const s = await addStaff(first, t.site, 'agent');
  const agent = await staffClient(first, await loginStaff(first, s.email));
  const v = await visitorClient(first, t.site, (await newVisitor(first, t.site)).token, { conversations: {} });
  const { conversationId } = await v.call('message.send', { clientId: 'c1', text: 'anyone?' });
  assert.equal((await first.server.store.getConversation(conversationId))?.assigneeId, s.id);
  await agent.call('presence.set', { status: 'away' });
  await first.server.domain.sweepRouting();
  assert.deepEqual(await first.server.store.awayAgents(t.site.id), { [s.id]: clock });
  await v.close();
  await agent.close();
  clock += 8 * 60_000;
  await first.server.close();

  const second = await startTestServer(opts, { now: () => clock, dataDir: first.dir });
  try {
    await second.server.domain.sweepRouting();
    assert.equal((await second.server.store.getConversation(conversationId))?.assigneeId, s.id, 'eight minutes: still theirs');
    clock += 2 * 60_000;
    await Promise.all([second.server.domain.sweepRouting(), second.server.domain.sweepRouting()]);
    assert.equal((await second.server.store.getConversation(conversationId))?.assigneeId ?? null, null, 'back in the queue');
    assert.equal(returned(await second.server.store.eventsAfterSeq(conversationId, 0, 50, false)).length, 1, 'once');
    assert.equal((await second.server.store.queue(t.site.id, 10)).waiting, 1);
  } finally {
    await second.stop();
    rmSync(first.dir, { recursive: true, force: true });
  }
});
