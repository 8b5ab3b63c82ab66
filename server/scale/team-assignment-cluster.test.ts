import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, visitorClient, waitUntil, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { startCluster, type TestCluster } from './test-cluster.ts';

type Updated = Extract<DurableEvent, { kind: 'conversation.updated' }>;
const autoAssignments = (events: DurableEvent[]) => events.filter((e): e is Updated => e.kind === 'conversation.updated' && e.auto === true && typeof e.changes.assigneeId === 'string');

/**
 * Teams on three processes sharing PostgreSQL and Redis: visitors on a page routed to one team arrive
 * on every process at once while every process sweeps every 20 ms. Each conversation is assigned once,
 * only to the team's members and within their capacity; an agent outside the team, free, gets none.
 */
describe('team assignment: three processes, one PostgreSQL, one Redis', () => {
  let cluster: TestCluster;
  let site: TestSite;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => (open.push(c), c);
  const agents: { id: string; token: string }[] = [];

  before(async () => {
    cluster = await startCluster(3, { assignmentCheckMs: 20, visitorOfflineGraceMs: 0, limits: { rateBurst: 1000, ratePerSec: 1000 } });
    const [A] = cluster.nodes;
    site = await createTestSite(A);
    for (let i = 0; i < 3; i++) {
      const s = await addStaff(A, site.site, 'agent');
      agents.push({ id: s.id, token: await loginStaff(A, s.email) });
    }
    const team = await api(A, '/api/v1/teams', { method: 'POST', token: site.staffToken, body: { name: 'Billing', memberIds: [agents[0].id, agents[1].id] } });
    assert.equal(team.status, 201);
    const settings = { assignment: { mode: 'least_busy', capacity: 3 }, teamRules: [{ pattern: '/billing', teamId: team.body.team.id }] };
    assert.equal((await api(A, `/api/v1/admin/sites/${site.site.id}`, { method: 'PATCH', token: site.staffToken, body: { settings } })).status, 200);
  });
  after(async () => {
    for (const c of open) await c.close().catch(() => {});
    await cluster?.stop();
  });

  test('concurrent arrivals for one team on three processes: each assigned once, to members only, within capacity; the rest wait in the team queue', async () => {
    await Promise.all(agents.map(async (a, i) => track(await staffClient(cluster.nodes[i], a.token))));
    const visitors = await Promise.all(
      Array.from({ length: 9 }, async (_, i) => {
        const node = cluster.nodes[i % 3];
        const v = track(await visitorClient(node, site.site, (await newVisitor(node, site.site)).token, { conversations: {} }));
        await v.call('context.update', { context: { url: `https://shop.example/billing/${i}` } });
        return v;
      }),
    );
    await Promise.all(visitors.map((v, i) => v.call('message.send', { clientId: `bill-${i}`, text: `invoice ${i}` })));
    const store = cluster.nodes[0].store;
    await waitUntil(async () => Object.values(await store.assignedLoads(site.site.id)).reduce((a, b) => a + b, 0) === 6, 20_000, 'six assigned');
    await Promise.all(cluster.nodes.flatMap((n) => [n.server.domain.sweepRouting(), n.server.domain.sweepRouting()]));

    const assigned = autoAssignments(await store.eventsAfterCursor(site.site.id, 0, 10_000));
    assert.equal(assigned.length, 6, 'six assignment events in the whole log');
    assert.equal(new Set(assigned.map((e) => e.conversationId)).size, 6, 'no conversation twice');
    assert.deepEqual(await store.assignedLoads(site.site.id), { [agents[0].id]: 3, [agents[1].id]: 3 }, 'members full, the free non-member given none');
    const q = await store.queue(site.site.id, 100);
    assert.equal(q.waiting, 3);
    assert.ok(q.entries.every((e) => e.teamId !== null), 'they wait in the team queue');
  });
});
