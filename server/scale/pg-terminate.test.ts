import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Message } from '../../protocol/index.ts';
import { liveClient, type LiveClient } from '../../client/testing/live-client.ts';
import { createTestSite, newVisitor, staffClient, waitUntil, wsUrl, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { PG_URL, startCluster, type TestCluster } from './test-cluster.ts';

/**
 * Every PostgreSQL backend of the cluster terminated (pg_terminate_backend: what a failover, a restart
 * or an idle-connection killer does), twice, once in the middle of a burst of sends. Only this
 * cluster's connections are touched (they carry its schema in application_name). The processes stay
 * up, the sends that hit a dead connection fail with the retryable `unavailable` and the client core
 * resends them: every message is committed once and delivered once.
 */
describe('PostgreSQL connections terminated under a running cluster', () => {
  let cluster: TestCluster;
  let site: TestSite;
  let admin: pg.Client;
  const open: TestClient[] = [];
  const clients: LiveClient[] = [];

  before(async () => {
    cluster = await startCluster(2, { limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(cluster.nodes[0]);
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  });
  after(async () => {
    for (const c of clients) c.client.stop();
    for (const c of open) await c.close().catch(() => {});
    await admin?.end();
    await cluster?.stop();
  });

  const terminateAll = async () =>
    (await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [`parley ${cluster.schema}`])).rows[0].n as number;

  test('the processes stay up; sends in flight are retried and each message arrives once', async () => {
    const [A, B] = cluster.nodes;
    const agent = await staffClient(B, site.staffToken);
    open.push(agent);
    const v = await newVisitor(A, site.site);
    const visitor = liveClient({ url: wsUrl(A, site.site.key), token: v.token });
    clients.push(visitor);
    visitor.client.start();
    const acked: string[] = [];
    visitor.client.onOutbox((c) => c.acked && acked.push(c.item.clientId));

    visitor.client.send({ text: 'm0', clientId: 'm0' });
    await waitUntil(() => acked.length === 1, 20_000, 'first ack');
    assert.ok((await terminateAll()) > 0, 'the cluster had connections to terminate');

    for (let i = 1; i <= 30; i++) {
      visitor.client.send({ text: `m${i}`, clientId: `m${i}` });
      if (i === 10) assert.ok((await terminateAll()) >= 0);
    }
    await waitUntil(() => acked.length === 31, 30_000, `all acked (${acked.length})`);
    const want = Array.from({ length: 31 }, (_, i) => `m${i}`);
    const got = () => agent.events('message.created').map((e) => (e.message as Message).text);
    await agent.waitForEvents(() => got().length >= 31);
    assert.deepEqual(got(), want, 'the agent on B got each once, in order');
    assert.deepEqual(visitor.events.filter((e) => e.kind === 'message.created').map((e) => (e as { message: Message }).message.text), want);

    const principal = await B.server.auth.verifyAccessToken(site.staffToken);
    const conversationId = agent.events('message.created')[0].conversationId;
    const history = await B.server.domain.history(principal, conversationId, { limit: 100 });
    assert.deepEqual(history.messages.map((m) => m.text), want, 'stored once each');
    for (const n of cluster.nodes) assert.equal((await fetch(`${n.server.url}/readyz`)).status, 200, 'ready again');
  });
});
