import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, visitorClient, waitUntil, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { startCluster, type TestCluster } from './test-cluster.ts';

type Updated = Extract<DurableEvent, { kind: 'conversation.updated' }>;
const returns = (events: DurableEvent[]) => events.filter((e): e is Updated => e.kind === 'conversation.updated' && e.auto === true && e.changes.assigneeId === null);

/**
 * An agent away longer than the site allows has what waits on them returned to the queue: counted from
 * when they were first seen away, in the store, so restarting every process does not start the count
 * again, and every process sweeping at once returns each conversation once. Three processes on one
 * PostgreSQL and one Redis, one injected clock, sweeps called by the test (PARLEY_ASSIGNMENT_CHECK_MS=0).
 */
describe('agents away too long: durable across restarts, once across processes', () => {
  let clock = Date.parse('2026-12-02T09:00:00Z');
  const minutes = (n: number) => (clock += n * 60_000);
  let cluster: TestCluster;
  let site: TestSite;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => (open.push(c), c);

  before(async () => {
    cluster = await startCluster(3, { assignmentCheckMs: 0, visitorOfflineGraceMs: 0 }, { now: () => clock });
    site = await createTestSite(cluster.nodes[0]);
    const res = await api(cluster.nodes[0], `/api/v1/admin/sites/${site.site.id}`, {
      method: 'PATCH',
      token: site.staffToken,
      body: { settings: { assignment: { mode: 'least_busy', capacity: 5, awayTimeoutMinutes: 10 } } },
    });
    assert.equal(res.status, 200);
  });
  after(async () => {
    for (const c of open) await c.close().catch(() => {});
    await cluster?.stop();
  });

  test('the count survives every process restarting, and the conversations go back once', async () => {
    const [A, B] = cluster.nodes;
    const s = await addStaff(A, site.site, 'agent');
    const agent = await staffClient(A, await loginStaff(A, s.email));
    // Two visitors on another process write; the agent (the only one online) gets both.
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const v = track(await visitorClient(B, site.site, (await newVisitor(B, site.site)).token, { conversations: {} }));
      ids.push((await v.call('message.send', { clientId: `away-${i}`, text: `help ${i}` })).conversationId as string);
    }
    const store = A.store;
    await waitUntil(async () => (await store.assignedLoads(site.site.id))[s.id] === 2, 20_000, 'both assigned');
    // The admin (site.staff) is not connected: they hold nothing, so are never counted.
    await agent.close();
    // Their socket's close reaches presence soon after; the sweep that sees them gone notes it.
    await waitUntil(
      async () => {
        await A.server.domain.sweepRouting();
        return (await store.awayAgents(site.site.id))[s.id] !== undefined;
      },
      20_000,
      'the agent noted away',
    );
    const since = (await store.awayAgents(site.site.id))[s.id];
    assert.equal(since, clock);

    // Six minutes later every process stops and three new ones start: nothing of the count is in memory.
    minutes(6);
    for (const node of [...cluster.nodes]) await node.stop();
    const fresh = [await cluster.addNode(), await cluster.addNode(), await cluster.addNode()];
    await Promise.all(fresh.map((n) => n.server.domain.sweepRouting()));
    assert.deepEqual(await fresh[0].store.awayAgents(site.site.id), { [s.id]: since }, 'counted from the first sighting, not from the restart');
    assert.equal(returns(await fresh[0].store.eventsAfterCursor(site.site.id, 0, 1000)).length, 0, 'six minutes: still theirs');

    // Ten minutes after they left (four after the restart), all three sweep at once: each conversation goes back once.
    minutes(4);
    await Promise.all(fresh.flatMap((n) => [n.server.domain.sweepRouting(), n.server.domain.sweepRouting()]));
    const back = returns(await fresh[0].store.eventsAfterCursor(site.site.id, 0, 1000));
    assert.deepEqual(back.map((e) => e.conversationId).sort(), [...ids].sort());
    assert.ok(back.every((e) => e.by.id === s.id));
    assert.equal((await fresh[0].store.queue(site.site.id, 10)).waiting, 2);
    assert.deepEqual(await fresh[0].store.awayAgents(site.site.id), {}, 'they hold nothing now');
  });
});
