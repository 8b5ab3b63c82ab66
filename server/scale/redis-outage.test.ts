import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent, PresenceEntry, ServerEvent } from '../../protocol/index.ts';
import { createTestSite, newVisitor, staffClient, visitorClient, waitUntil, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { startOwnRedis } from './own-redis.ts';
import { startCluster, type TestCluster } from './test-cluster.ts';

const texts = (events: ServerEvent[]) =>
  events.filter((e): e is Extract<DurableEvent, { kind: 'message.created' }> => e.kind === 'message.created').map((e) => e.message.text);
const readyz = async (n: TestCluster['nodes'][number]) => (await fetch(`${n.server.url}/readyz`)).json() as Promise<{ bus?: string; ok?: boolean }>;

/**
 * Redis killed (kill -9 of a redis-server of this test's own) and started again empty, under two
 * processes with connected clients: the processes notice, live delivery goes on from PostgreSQL,
 * unread counts stay right, and what only lived in Redis (presence, an agent's chosen `away`) is put
 * back by the processes when it returns.
 */
describe('Redis killed and restarted empty under a running cluster', () => {
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let cluster: TestCluster;
  let site: TestSite;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => (open.push(c), c);

  before(async () => {
    redis = await startOwnRedis();
    cluster = await startCluster(2, { feedCheckMs: 200, presenceTtlMs: 3_000, visitorOfflineGraceMs: 0, limits: { rateBurst: 1000, ratePerSec: 1000 } }, { redisUrl: redis.url });
    site = await createTestSite(cluster.nodes[0]);
  });
  after(async () => {
    for (const c of open) await c.close().catch(() => {});
    await redis?.start().catch(() => {}); // so the cluster's connections close cleanly
    await cluster?.stop();
    await redis?.stop();
  });

  test('live delivery both ways and unread counts go on without Redis; presence and `away` come back after it restarts empty', async () => {
    const [A, B] = cluster.nodes;
    const agent = track(await staffClient(B, site.staffToken));
    await agent.call('presence.set', { status: 'away' });
    const v = await newVisitor(A, site.site);
    const visitor = track(await visitorClient(A, site.site, v.token, { conversations: {} }));
    const first = await visitor.call('message.send', { clientId: 'before', text: 'before' });
    const conversationId: string = first.conversationId;
    await agent.waitForEvents((es) => texts(es).includes('before') && es.some((e) => e.kind === 'unread' && e.counts[conversationId] === 1));

    await redis.kill();
    await waitUntil(async () => (await readyz(A)).bus === 'down' && (await readyz(B)).bus === 'down', 20_000, 'both processes notice');

    for (let i = 1; i <= 5; i++) await visitor.call('message.send', { clientId: `during${i}`, text: `during ${i}` });
    await agent.call('message.send', { conversationId, clientId: 'reply', text: 'reply during' });
    await agent.waitForEvents((es) => texts(es).includes('during 5'));
    await agent.waitForEvents((es) => es.some((e) => e.kind === 'unread' && e.counts[conversationId] === 6));
    await visitor.waitForEvents((es) => texts(es).includes('reply during'));
    assert.deepEqual(texts(agent.events()), ['before', 'during 1', 'during 2', 'during 3', 'during 4', 'during 5', 'reply during'], 'the agent on B got A\'s commits live, once, in order');
    assert.deepEqual(texts(visitor.events()), ['before', 'during 1', 'during 2', 'during 3', 'during 4', 'during 5', 'reply during']);

    await redis.start();
    await waitUntil(async () => (await readyz(A)).ok === true && (await readyz(B)).ok === true, 20_000, 'both processes back on Redis');
    const agentStatus = async () => {
      const { entries }: { entries: PresenceEntry[] } = await visitor.call('presence.query', { conversationId });
      return entries.find((e) => e.actor.id === site.staff.id)?.status;
    };
    await waitUntil(async () => (await agentStatus()) === 'away', 20_000, 'the agent\'s chosen away put back');
    const later = await newVisitor(B, site.site);
    const laterVisitor = track(await visitorClient(B, site.site, later.token));
    assert.equal(laterVisitor.helloResult.availability, 'away', 'visitors see the site as away, not online');
    const { entries }: { entries: PresenceEntry[] } = await agent.call('presence.query', {});
    assert.equal(entries.find((e) => e.actor.id === v.visitorId)?.status, 'online', 'the visitor on A is online again for the agent on B');

    await visitor.call('message.send', { clientId: 'after', text: 'after' });
    await agent.waitForEvents((es) => texts(es).includes('after') && es.some((e) => e.kind === 'unread' && e.counts[conversationId] === 7));
    assert.equal(texts(agent.events()).filter((t) => t === 'after').length, 1);
  });
});
