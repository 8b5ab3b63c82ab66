import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api } from '../http/test-client.ts';
import { assignmentCluster, type AssignmentCluster } from './test-cluster.ts';

/**
 * Teams on three processes sharing PostgreSQL and Redis: visitors on a page routed to one team arrive
 * on every process at once while every process sweeps every 20 ms. Each conversation is assigned once,
 * only to the team's members and within their capacity; an agent outside the team, free, gets none.
 */
describe('team assignment: three processes, one PostgreSQL, one Redis', () => {
  let c: AssignmentCluster;

  before(async () => {
    c = await assignmentCluster();
    const [A] = c.cluster.nodes;
    const team = await api(A, '/api/v1/teams', { method: 'POST', token: c.site.staffToken, body: { name: 'Billing', memberIds: [c.agents[0].id, c.agents[1].id] } });
    assert.equal(team.status, 201);
    await c.settings({ assignment: { mode: 'least_busy', capacity: 3 }, teamRules: [{ pattern: '/billing', teamId: team.body.team.id }] });
  });
  after(() => c?.stop());

  test('concurrent arrivals for one team on three processes: each assigned once, to members only, within capacity; the rest wait in the team queue', async () => {
    await c.agentsOnline();
    const visitors = await c.visitors(9);
    await Promise.all(visitors.map((v, i) => v.call('context.update', { context: { url: `https://shop.example/billing/${i}` } })));
    await Promise.all(visitors.map((v, i) => v.call('message.send', { clientId: `bill-${i}`, text: `invoice ${i}` })));
    const assigned = await c.settle(6);
    assert.equal(assigned.length, 6, 'six assignment events in the whole log');
    assert.equal(new Set(assigned.map((e) => e.conversationId)).size, 6, 'no conversation twice');
    const store = c.cluster.nodes[0].store;
    assert.deepEqual(await store.assignedLoads(c.site.site.id), { [c.agents[0].id]: 3, [c.agents[1].id]: 3 }, 'members full, the free non-member given none');
    const q = await store.queue(c.site.site.id, 100);
    assert.equal(q.waiting, 3);
    assert.ok(q.entries.every((e) => e.teamId !== null), 'they wait in the team queue');
  });
});
