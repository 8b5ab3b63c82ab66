import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { DurableEvent, Message } from '../protocol/index.ts';
import {
  createTestSite,
  newVisitor,
  staffClient,
  startTestServer,
  waitUntil,
  wsUrl,
  type TestServer,
  type TestSite,
} from '../server/realtime/test-helpers.ts';
import type { ClientEnv, RealtimeClient, SocketLike } from './api.ts';
import { createRealtimeClient } from './realtime-client.ts';
import { memoryStorage } from './storage.ts';

/**
 * The client core against the real server (port 0, real SQLite, real ws): sockets are killed
 * without a close handshake while messages flow both ways, and every message must still arrive
 * exactly once, in order, and every outbox item be committed exactly once.
 */
describe('realtime client against the real server', () => {
  let ts: TestServer;
  let site: TestSite;
  before(async () => {
    ts = await startTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(ts);
  });
  // Stop every client even when a test fails, or its reconnect timers keep the process alive.
  const clients: RealtimeClient[] = [];
  after(async () => {
    for (const c of clients) c.stop();
    await ts.stop();
  });

  function visitorClient(token: string, storage = memoryStorage()) {
    const sockets: WebSocket[] = [];
    const env: ClientEnv = {
      url: wsUrl(ts, site.site.key),
      token: () => token,
      createSocket: (url) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        return ws as unknown as SocketLike;
      },
      now: Date.now,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      random: Math.random,
      storage,
      storageKey: `it:${token.slice(-8)}`,
    };
    const client = createRealtimeClient(env, { backoffBaseMs: 20, backoffCapMs: 100 });
    clients.push(client);
    const messages: Message[] = [];
    client.onEvent((e) => {
      if (e.kind === 'message.created') messages.push((e as Extract<DurableEvent, { kind: 'message.created' }>).message);
    });
    /** Cut the live socket like a network failure would: no close frame, the client sees 1006. */
    const kill = () => sockets.at(-1)?.terminate();
    return { client, messages, kill, sockets };
  }

  const connected = (client: RealtimeClient) => waitUntil(() => client.state === 'connected', 20_000, 'connected');

  test('sockets killed mid-stream: every message arrives exactly once, in order; the outbox commits each item once', async () => {
    const v = await newVisitor(ts, site.site);
    const { client, messages, kill, sockets } = visitorClient(v.token);
    const acks: string[] = [];
    client.onOutbox((c) => {
      if (c.acked) acks.push(c.item.clientId);
    });
    client.start();
    await connected(client);

    client.send({ text: 'hello', clientId: 'first' });
    await waitUntil(() => acks.includes('first'), 20_000, 'first ack');
    const conversationId = messages[0].conversationId;

    const staff = await staffClient(ts, site.staffToken);
    const staffSending = (async () => {
      for (let i = 0; i < 100; i++) await staff.call('message.send', { conversationId, clientId: `s${i}`, text: `reply ${i}` });
    })();
    // The visitor writes too while its sockets are being killed.
    const visitorTexts: string[] = [];
    for (let k = 0; k < 3; k++) {
      // Each kill must hit a fresh socket: replies may outpace the reconnect, and a second kill of the socket
      // already cut would be no kill at all.
      await waitUntil(() => sockets.length > k && client.state === 'connected', 20_000, `socket ${k + 1} open`);
      await waitUntil(() => messages.length > 1 + (k + 1) * 20, 20_000, `reply batch ${k}`);
      for (let i = 0; i < 5; i++) {
        const text = `visitor ${k}.${i}`;
        visitorTexts.push(text);
        client.send({ text });
      }
      kill();
    }
    await staffSending;
    await waitUntil(() => messages.some((m) => m.text === 'reply 99') && client.outbox().length === 0, 20_000, 'all delivered');
    await waitUntil(() => visitorTexts.every((t) => messages.some((m) => m.text === t)), 20_000, 'own messages echoed');

    assert.ok(sockets.length >= 4, `reconnected after each kill (sockets: ${sockets.length})`);
    const replies = messages.filter((m) => m.author.kind === 'staff').map((m) => m.text);
    assert.deepEqual(replies, Array.from({ length: 100 }, (_, i) => `reply ${i}`), 'every reply once, in order');
    const seqs = messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), 'no duplicate seq, ascending');
    const own = messages.filter((m) => m.author.kind === 'visitor').map((m) => m.text);
    assert.deepEqual(own, ['hello', ...visitorTexts], 'each outbox item committed once, in the order written');
    assert.equal(new Set(acks).size, acks.length, 'each item acked once');
    assert.equal(acks.length, 1 + visitorTexts.length);

    // The server agrees: the conversation holds each message once.
    const principal = await ts.server.auth.verifyAccessToken(site.staffToken);
    const history = await ts.server.domain.history(principal, conversationId, { limit: 200 });
    assert.equal(history.messages.length, 1 + 100 + visitorTexts.length);

    client.stop();
    await staff.close();
  });

  test('two tabs sharing storage both send a message written offline: it is committed once, each tab sees it once', async () => {
    const v = await newVisitor(ts, site.site);
    const storage = memoryStorage();
    const tabA = visitorClient(v.token, storage);
    const tabB = visitorClient(v.token, storage);
    const item = tabA.client.send({ text: 'written offline' });
    assert.deepEqual(tabB.client.outbox().map((i) => i.clientId), [item.clientId], 'the other tab sees the pending item');
    tabA.client.start();
    tabB.client.start();
    await waitUntil(
      () => [tabA, tabB].every((t) => t.messages.some((m) => m.clientId === item.clientId)) && tabA.client.outbox().length === 0,
      20_000,
      'both tabs got it',
    );
    // A fence: events of a conversation arrive in order, so a duplicate of the first would be in before this one.
    const fence = tabB.client.send({ text: 'fence', conversationId: tabA.messages[0].conversationId });
    await waitUntil(() => [tabA, tabB].every((t) => t.messages.some((m) => m.clientId === fence.clientId)), 20_000, 'both tabs got the fence');
    for (const tab of [tabA, tabB]) assert.equal(tab.messages.filter((m) => m.clientId === item.clientId).length, 1);
    const principal = await ts.server.auth.verifyAccessToken(site.staffToken);
    const history = await ts.server.domain.history(principal, tabA.messages[0].conversationId, { limit: 50 });
    assert.deepEqual(history.messages.map((m) => m.text), ['written offline', 'fence']);
    tabA.client.stop();
    tabB.client.stop();
  });
});
