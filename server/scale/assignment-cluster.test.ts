import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api } from '../http/test-client.ts';
import { staffClient, waitUntil } from '../realtime/test-helpers.ts';
import { assignmentCluster, autoAssignments, type AssignmentCluster } from './test-cluster.ts';

/**
 * Automatic assignment on three processes sharing PostgreSQL and Redis: arrivals on every process at
 * once, every process sweeping every 20 ms at the same time, agents on different processes. The store
 * is the only arbiter, so each conversation is assigned once and no agent passes their capacity; and
 * the queue is rows, so a process restarted (or a new one) takes up where the others left.
 */
describe('automatic assignment: three processes, one PostgreSQL, one Redis', () => {
  let c: AssignmentCluster;

  before(async () => {
    c = await assignmentCluster();
    await c.settings({ assignment: { mode: 'least_busy', capacity: 3 } });
  });
  after(() => c?.stop());

  test('concurrent arrivals on three processes: each conversation assigned once, capacities kept, the rest queued in order', async () => {
    // Each agent on another process; twelve visitors, four per process, all writing their first message at once.
    await c.agentsOnline();
    const visitors = await c.visitors(12);
    const ids = await Promise.all(visitors.map(async (v, i) => (await v.call('message.send', { clientId: `first-${i}`, text: `help ${i}` })).conversationId as string));
    const { cluster, site } = c;
    const store = cluster.nodes[0].store;
    const assigned = await c.settle(9);
    assert.equal(assigned.length, 9, 'nine assignment events in the whole log');
    assert.equal(new Set(assigned.map((e) => e.conversationId)).size, 9, 'no conversation twice');
    assert.deepEqual(Object.values(await store.assignedLoads(site.site.id)), [3, 3, 3]);
    const queue = await store.queue(site.site.id, 100);
    assert.equal(queue.waiting, 3);
    const waiting = new Set(queue.entries.map((e) => e.conversationId));
    assert.deepEqual(ids.filter((id) => !waiting.has(id)).sort(), assigned.map((e) => e.conversationId).sort());
    // The waiting visitors were told their places 1..3, whichever process they are on.
    const places = await Promise.all(
      visitors
        .filter((_, i) => waiting.has(ids[i]))
        .map(async (v) => {
          await v.waitForEvents((es) => es.some((e) => e.kind === 'queue.position' && e.position > 0));
          return v.events('queue.position').at(-1)!.position;
        }),
    );
    assert.deepEqual(places.sort(), [1, 2, 3]);
  });

  test('a process restarts and a new one joins: the queue is in the store, and places freed anywhere are filled once', async () => {
    const { cluster, site, agents } = c;
    const store = cluster.nodes[0].store;
    const before = (await store.queue(site.site.id, 100)).entries.map((e) => e.conversationId);
    assert.equal(before.length, 3);
    // The process holding agent 2 goes away (its agent with it), and a new process takes its place.
    await cluster.nodes[2].stop();
    const D = await cluster.addNode();
    const agent2 = c.track(await staffClient(D, agents[2].token));
    assert.equal(agent2.helloResult.role, 'staff');
    // Every agent resolves one conversation, on three different processes at once.
    const mine = await Promise.all(
      agents.map(async (a) => (await store.listInbox({ siteId: site.site.id, staffId: a.id, assignee: 'me', status: 'open', limit: 10 })).items[0].conversation.id),
    );
    const nodes = [cluster.nodes[0], cluster.nodes[1], D];
    await Promise.all(mine.map((id, i) => api(nodes[i], `/api/v1/conversations/${id}`, { method: 'PATCH', token: agents[i].token, body: { status: 'resolved' } })));
    await waitUntil(async () => (await store.queue(site.site.id, 100)).waiting === 0, 20_000, 'the queue emptied');
    await Promise.all(nodes.map((n) => n.server.domain.sweepRouting()));
    const log = await store.eventsAfterCursor(site.site.id, 0, 10_000);
    const assigned = autoAssignments(log);
    assert.equal(assigned.length, 12, 'the three that waited, once each');
    assert.equal(new Set(assigned.map((e) => e.conversationId)).size, 12);
    assert.deepEqual(Object.values(await store.assignedLoads(site.site.id)), [3, 3, 3], 'full again, never over');
    // Oldest first: the three that waited went in their queue order to whoever freed a place.
    assert.deepEqual(assigned.slice(9).map((e) => e.conversationId).sort(), [...before].sort());
  });
});
