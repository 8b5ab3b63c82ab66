import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent, ServerEvent } from '../../protocol/index.ts';
import { createTestSite, newVisitor, staffClient, visitorClient, waitUntil, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { startCluster, type TestCluster } from './test-cluster.ts';

const durable = (events: ServerEvent[]) => events.filter((e): e is DurableEvent => 'cursor' in e);
const texts = (events: ServerEvent[]) =>
  events.filter((e): e is Extract<DurableEvent, { kind: 'message.created' }> => e.kind === 'message.created').map((e) => e.message.text);

/**
 * Live delivery across processes on PostgreSQL + Redis. The periodic comparison with the store is
 * off here (feedCheckMs 0), so what is checked is the path under test alone: holes filled in cursor
 * order, and a resend on another process publishing what the dead one never did.
 */
describe('cluster delivery: three processes, one PostgreSQL, one Redis', () => {
  let cluster: TestCluster;
  let site: TestSite;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => (open.push(c), c);

  before(async () => {
    cluster = await startCluster(3, { feedCheckMs: 0, visitorOfflineGraceMs: 0, limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(cluster.nodes[0]);
  });
  after(async () => {
    for (const c of open) await c.close().catch(() => {});
    await cluster?.stop();
  });

  test('commits on three processes at once reach staff on every process in cursor order, without a hole', async () => {
    const staff = await Promise.all(cluster.nodes.map((n) => staffClient(n, site.staffToken).then(track)));
    const start = staff[0].helloResult.resume.cursor!;
    const visitors = await Promise.all(
      cluster.nodes.flatMap((n) => [0, 1].map(async () => track(await visitorClient(n, site.site, (await newVisitor(n, site.site)).token, { conversations: {} })))),
    );
    // New conversations (conversation.created + message.created) from six visitors on three processes, all at once.
    await Promise.all(visitors.map(async (v, i) => {
      for (let k = 0; k < 15; k++) await v.call('message.send', { clientId: `c${i}.${k}`, text: `v${i}.${k}` });
    }));
    const stored = await cluster.nodes[0].store.eventsAfterCursor(site.site.id, start, 1000);
    assert.equal(stored.length, 6 * 16, 'six conversations of one created + fifteen messages');
    for (const [i, s] of staff.entries()) {
      await s.waitForEvents((es) => durable(es).length >= stored.length);
      assert.deepEqual(durable(s.events()).map((e) => e.cursor), stored.map((e) => e.cursor), `staff on process ${i}: every cursor once, in order`);
    }
  });

  test('a message committed just before its process dies is delivered when the client resends it to another: the reopen too, and the unread count', async () => {
    const [A, B, C] = cluster.nodes;
    const agent = track(await staffClient(C, site.staffToken));
    const v = await newVisitor(A, site.site);
    const onA = track(await visitorClient(A, site.site, v.token, { conversations: {} }));
    const first = await onA.call('message.send', { clientId: 'first', text: 'first' });
    const conversationId: string = first.conversationId;
    await agent.waitForEvents((es) => texts(es).includes('first'));
    await agent.call('read', { conversationId, seq: first.seq });
    await agent.call('conversation.update', { conversationId, status: 'resolved' });
    await agent.waitForEvents((es) => es.some((e) => e.kind === 'unread' && !e.counts[conversationId]));

    // Process A commits the next message and "dies" before it publishes or acks it: its append never returns.
    const appendOnA = A.store.appendMessage;
    let released!: (err: Error) => void;
    const dead = new Promise<never>((_, reject) => (released = reject));
    A.store.appendMessage = async (input) => {
      const result = await appendOnA(input);
      if (input.clientId === 'lost') await dead;
      return result;
    };
    try {
      onA.sendRaw({ type: 'message.send', id: 'x', conversationId, clientId: 'lost', text: 'are you there?' });
      await waitUntil(async () => (await C.store.eventsAfterCursor(site.site.id, 0, 1000)).some((e) => e.kind === 'message.created' && e.message.clientId === 'lost'), 20_000, 'the commit');
      onA.ws.terminate();

      const onB = track(await visitorClient(B, site.site, v.token, { conversations: { [conversationId]: first.seq } }));
      const resent = await onB.call('message.send', { conversationId, clientId: 'lost', text: 'are you there?' });
      await agent.waitForEvents((es) => texts(es).includes('are you there?'));
      await agent.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversationId === conversationId && e.conversation.status === 'open'));
      await agent.waitForEvents((es) => es.some((e) => e.kind === 'unread' && e.counts[conversationId] === 1));
      const mine = durable(agent.events()).filter((e) => e.conversationId === conversationId);
      assert.ok(mine.some((e) => e.kind === 'message.created' && e.seq === resent.seq), 'the message the ack names');
      const cursors = durable(agent.events()).map((e) => e.cursor);
      assert.deepEqual(cursors, [...cursors].sort((a, b) => a - b), 'in cursor order');
      assert.equal(new Set(cursors).size, cursors.length, 'each once');
      const principal = await C.server.auth.verifyAccessToken(site.staffToken);
      assert.equal((await C.server.domain.getConversation(principal, conversationId)).conversation.status, 'open', 'REST: reopened');
      await onB.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversation.status === 'open'));
    } finally {
      A.store.appendMessage = appendOnA;
      released(new Error('process A is gone'));
    }
  });
});
