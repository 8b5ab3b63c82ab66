import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api } from '../http/test-client.ts';
import { createTestSite, newVisitor, waitUntil } from '../realtime/test-helpers.ts';
import { startCluster } from '../scale/test-cluster.ts';
import { startReceiver } from './testing/receiver.ts';

/**
 * Two Parley processes on one PostgreSQL database both run the webhook loop: the log follower's per-site
 * lease and the deliveries' claims (SKIP LOCKED, with a lease) make each event one delivery, sent by one
 * of them, once.
 */
test('two processes on PostgreSQL deliver every event exactly once between them', { timeout: 120_000 }, async () => {
  const rx = await startReceiver();
  const cluster = await startCluster(2, { webhooks: { allowPrivate: true, pollMs: 10, retryBaseMs: 50, timeoutMs: 2000 } });
  try {
    const [a, b] = cluster.nodes;
    const t = await createTestSite(a);
    const hook = await api(a, '/api/v1/admin/webhooks', { token: t.staffToken, body: { url: rx.url, events: ['message.created'] } });
    assert.equal(hook.status, 201);
    const N = 40;
    const sends = [];
    for (let i = 0; i < N; i++) {
      const node = i % 2 ? a : b; // commits from both processes
      const v = await newVisitor(node, t.site);
      sends.push(node.server.domain.sendMessage({ kind: 'visitor', siteId: t.site.id, visitorId: v.visitorId }, { clientId: `m${i}`, text: `message ${i}` }));
    }
    await Promise.all(sends);
    await waitUntil(() => rx.ofType('message.created').length >= N, 60_000, `${N} deliveries`);
    // Every delivery settled: a delivered one is never claimed again, so nothing more can arrive.
    await waitUntil(async () => (await api(a, `/api/v1/admin/webhooks/${hook.body.webhook.id}/deliveries?limit=200`, { token: t.staffToken })).body.items.every((d: any) => d.status === 'delivered'), 30_000, 'all settled');
    const texts = rx.ofType('message.created').map((r) => r.json.data.message.text).sort();
    assert.deepEqual(texts, Array.from({ length: N }, (_, i) => `message ${i}`).sort(), 'each event once');
    assert.equal(new Set(rx.received.map((r) => r.headers['webhook-id'])).size, N, 'no webhook-id twice');
    const log = (await api(b, `/api/v1/admin/webhooks/${hook.body.webhook.id}/deliveries?limit=200`, { token: t.staffToken })).body.items;
    assert.equal(log.length, N);
    assert.ok(log.every((d: any) => d.attempts === 1), 'each sent in one attempt');
  } finally {
    await cluster.stop();
    await rx.close();
  }
});
