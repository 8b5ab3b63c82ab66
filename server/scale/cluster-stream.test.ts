import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DurableEvent, Message } from '../../protocol/index.ts';
import type { ClientEnv, RealtimeClient } from '../../client/api.ts';
import { HttpSocket } from '../../client/http-socket.ts';
import { createRealtimeClient } from '../../client/realtime-client.ts';
import { memoryStorage } from '../../client/storage.ts';
import { createTestSite, newVisitor, staffClient, waitUntil, wsUrl, type TestClient, type TestSite } from '../realtime/test-helpers.ts';
import { streamClient, type StreamTestClient } from '../realtime/stream/test-stream-client.ts';
import { startCluster, type TestCluster } from './test-cluster.ts';

const texts = (events: { kind: string }[]) =>
  events.filter((e): e is Extract<DurableEvent, { kind: 'message.created' }> => e.kind === 'message.created').map((e) => e.message.text);

/**
 * The HTTP fallback on three processes (one PostgreSQL, one Redis) without sticky sessions: a client's
 * stream is on one process and its POSTs reach the others, relayed over Redis to the stream's process.
 */
describe('cluster: HTTP fallback streams and POSTs on different processes', () => {
  let cluster: TestCluster;
  let site: TestSite;
  const open: (TestClient | StreamTestClient)[] = [];
  const clients: RealtimeClient[] = [];
  before(async () => {
    cluster = await startCluster(3, { visitorOfflineGraceMs: 0, streamRelayTimeoutMs: 1500, limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(cluster.nodes[0]);
  });
  after(async () => {
    for (const c of clients) c.stop();
    for (const c of open) await c.close().catch(() => {});
    await cluster?.stop();
  });

  test('every POST to another process reaches the stream once, in order; a batch sent again through a third process is applied once', async () => {
    const [A, B, C] = cluster.nodes;
    const agent = await staffClient(C, site.staffToken);
    open.push(agent);
    const v = await newVisitor(A, site.site);
    let turn = 0;
    const elsewhere = [B.server.url, C.server.url];
    const vs = await streamClient(A, v.token, { site: site.site.key, postTo: () => elsewhere[turn++ % 2] });
    open.push(vs);
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      sent.push(`over the bus ${i}`);
      await vs.post([{ type: 'message.send', id: `m${i}`, clientId: `bus-${i}`, text: `over the bus ${i}` }]);
    }
    await vs.waitFor((f) => f.type === 'ack' && f.id === 'm19');
    assert.deepEqual(vs.frames.filter((f) => f.type === 'ack' && f.id.startsWith('m')).map((f) => (f as { id: string }).id), sent.map((_, i) => `m${i}`), 'each answered once, in order, on the stream');
    // The answer to batch 20 was lost: the client sends it again, and this time it lands on the third process.
    assert.deepEqual(await vs.post(['{"type":"ping","id":"again"}'], { seq: 20 }), { status: 202, body: { seq: 20 } });
    await agent.waitForEvents((es) => texts(es).length >= 20);
    assert.deepEqual(texts(agent.events()), sent, 'the agent on the third process got each message once, in order');
    const [conv] = await A.store.listVisitorConversations(v.visitorId);
    const stored = await A.store.history(conv.id, { limit: 50, includeNotes: false });
    assert.deepEqual(stored.messages.map((m) => m.text), sent, 'committed once each');
    assert.equal(vs.frames.filter((f) => f.type === 'ack' && f.id === 'm19').length, 1);
    // A pong relayed from another process reaches the stream's process too.
    assert.equal((await vs.postRaw({ pong: 1 })).status, 202);
    // Another visitor's credentials do not reach the stream through another process either.
    const other = await newVisitor(B, site.site);
    assert.equal((await vs.postRaw({ seq: 21, frames: ['{"type":"ping","id":"x"}'] }, { token: other.token })).status, 404);
  });

  test('a stream whose process is gone: a POST elsewhere is 404 not_found after the relay timeout, and the client opens a new stream', async () => {
    const extra = await cluster.addNode();
    const v = await newVisitor(extra, site.site);
    const vs = await streamClient(extra, v.token, { site: site.site.key, postTo: () => cluster.nodes[1].server.url });
    await extra.stop();
    assert.equal(await vs.closed, 1001, 'the stopping process said goodbye');
    const answer = await vs.postRaw({ seq: 1, frames: ['{"type":"ping","id":"late"}'] });
    assert.deepEqual([answer.status, answer.body.code], [404, 'not_found']);
  });

  test('the client core on the fallback, its stream on one process and its POSTs round-robin on the others, streams cut: every message once, in order', async () => {
    const [A, B, C] = cluster.nodes;
    const v = await newVisitor(A, site.site);
    const bases = cluster.nodes.slice(0, 3).map((n) => n.server.url);
    let streams = 0;
    let posts = 0;
    const cuts: AbortController[] = [];
    // A balancer without sticky sessions: each new stream on the next process, and every POST on one of
    // the two processes the current stream is not on.
    const balancer: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      const path = url.pathname + url.search;
      if (!/\/stream\?/.test(path)) return fetch(`${bases[(streams + 1 + (posts++ % 2)) % 3]}${path}`, init);
      const to = `${bases[++streams % 3]}${path}`;
      const cut = new AbortController();
      cuts.push(cut);
      init?.signal?.addEventListener('abort', () => cut.abort());
      return fetch(to, { ...init, signal: cut.signal });
    };
    const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout), now: Date.now };
    const env: ClientEnv = {
      url: wsUrl(A, site.site.key),
      token: () => v.token,
      createSocket: () => new HttpSocket(`${A.server.url}/api/v1/realtime/stream?site=${site.site.key}`, { fetch: balancer, setTimeout: timers.setTimeout }),
      ...timers,
      random: Math.random,
      storage: memoryStorage(),
      storageKey: 'cluster-fallback',
    };
    const client = createRealtimeClient(env, { backoffBaseMs: 20, backoffCapMs: 100 });
    clients.push(client);
    const messages: Message[] = [];
    client.onEvent((e) => {
      if (e.kind === 'message.created') messages.push((e as Extract<DurableEvent, { kind: 'message.created' }>).message);
    });
    client.start();
    await waitUntil(() => client.state === 'connected', 20_000, 'connected');
    client.send({ text: 'hello', clientId: 'first' });
    await waitUntil(() => messages.length === 1, 20_000, 'first');
    const conversationId = messages[0].conversationId;
    const agent = await staffClient(B, site.staffToken);
    open.push(agent);
    const agentSending = (async () => {
      for (let i = 0; i < 40; i++) await agent.call('message.send', { conversationId, clientId: `a${i}`, text: `reply ${i}` });
    })();
    const mine: string[] = [];
    for (let k = 0; k < 3; k++) {
      await waitUntil(() => messages.length > 1 + (k + 1) * 8, 20_000, `replies ${k}`);
      for (let i = 0; i < 4; i++) {
        mine.push(`visitor ${k}.${i}`);
        client.send({ text: `visitor ${k}.${i}` });
      }
      // Cut the stream in use, not one already cut: wait until the reconnect after the last cut is live.
      await waitUntil(() => client.state === 'connected' && cuts.length === k + 1, 20_000, `stream ${k + 1} live`);
      cuts.at(-1)?.abort();
    }
    await agentSending;
    await waitUntil(() => messages.some((m) => m.text === 'reply 39') && client.outbox().length === 0, 30_000, 'all delivered');
    await waitUntil(() => mine.every((t) => messages.some((m) => m.text === t)), 30_000, 'own messages echoed');
    assert.ok(streams >= 4, `a new stream after each cut (${streams})`);
    assert.ok(posts >= 12, `every one of the ${posts} POSTs reached another process than its stream`);
    assert.deepEqual(messages.filter((m) => m.author.kind === 'staff').map((m) => m.text), Array.from({ length: 40 }, (_, i) => `reply ${i}`), 'every reply once, in order');
    assert.deepEqual(messages.filter((m) => m.author.kind === 'visitor').map((m) => m.text), ['hello', ...mine], 'each outbox item once, in order');
    const stored = await C.store.history(conversationId, { limit: 200, includeNotes: false });
    assert.equal(stored.messages.length, 1 + 40 + mine.length, 'the database holds each once');
    client.stop();
  });
});
