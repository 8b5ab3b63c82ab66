import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import type { DurableEvent, Message } from '../protocol/index.ts';
import { createTestSite, newVisitor, staffClient, startTestServer, waitUntil, wsUrl, type TestServer, type TestSite } from '../server/realtime/test-helpers.ts';
import type { ClientEnv, RealtimeClient } from './api.ts';
import { fallbackSelector, HttpSocket, streamUrlOf } from './http-socket.ts';
import { createRealtimeClient } from './realtime-client.ts';
import { memoryStorage } from './storage.ts';
import { createTransportSelector, type WebSocketLike } from './transport-select.ts';

/**
 * The client core on the HTTP fallback against the real server: its WebSocket upgrades are refused, so
 * the selector falls back; streams are cut like a network failure and POST answers are lost after the
 * server took them, while messages flow both ways. Every message must arrive once, in order, and every
 * outbox item be committed once.
 */
describe('realtime client on the HTTP fallback against the real server', () => {
  let ts: TestServer;
  let site: TestSite;
  const clients: RealtimeClient[] = [];
  before(async () => {
    ts = await startTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } });
    site = await createTestSite(ts);
  });
  after(async () => {
    for (const c of clients) c.stop();
    await ts.stop();
  });

  function visitorOnFallback(token: string, opts: { loseAnswer?: (n: number) => boolean } = {}) {
    const streams: AbortController[] = [];
    let posts = 0;
    let lostAnswers = 0;
    const transports: string[] = [];
    // What a network does to the fallback: cut a stream, or lose the answer to a POST the server took.
    const fetchThroughNetwork: typeof fetch = async (input, init) => {
      const url = String(input);
      if (/\/stream\?/.test(url)) {
        const cut = new AbortController();
        streams.push(cut);
        init?.signal?.addEventListener('abort', () => cut.abort());
        return fetch(input, { ...init, signal: cut.signal });
      }
      const res = await fetch(input, init);
      if (opts.loseAnswer?.(++posts)) {
        lostAnswers++;
        throw new TypeError('network error (the answer was lost)');
      }
      return res;
    };
    const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout), now: Date.now };
    const env: ClientEnv = {
      url: wsUrl(ts, site.site.key),
      token: () => token,
      // A proxy that refuses WebSocket upgrades: the upgrade goes to a path the server answers 404.
      createSocket: createTransportSelector({
        ws: (url) => {
          transports.push('ws');
          return new WebSocket(url.replace('/ws?', '/blocked?')) as unknown as WebSocketLike;
        },
        fallback: async () => ({
          fallbackSelector: (o, failed) =>
            fallbackSelector(o, failed, (u, hooks) => {
              transports.push('http');
              return new HttpSocket(streamUrlOf(u), { fetch: fetchThroughNetwork, setTimeout: timers.setTimeout, hooks });
            }),
        }),
        timers,
      }),
      ...timers,
      random: Math.random,
      storage: memoryStorage(),
      storageKey: `fallback:${token.slice(-8)}`,
    };
    const client = createRealtimeClient(env, { backoffBaseMs: 20, backoffCapMs: 100 });
    clients.push(client);
    const messages: Message[] = [];
    client.onEvent((e) => {
      if (e.kind === 'message.created') messages.push((e as Extract<DurableEvent, { kind: 'message.created' }>).message);
    });
    return { client, messages, transports, cut: () => streams.at(-1)?.abort(), streamCount: () => streams.length, lostAnswers: () => lostAnswers };
  }

  test('streams cut and POST answers lost mid-conversation: every message once, in order; each outbox item committed once', async () => {
    const v = await newVisitor(ts, site.site);
    const { client, messages, transports, cut, streamCount, lostAnswers } = visitorOnFallback(v.token, { loseAnswer: (n) => n % 4 === 0 });
    const acks: string[] = [];
    client.onOutbox((c) => {
      if (c.acked) acks.push(c.item.clientId);
    });
    client.start();
    await waitUntil(() => client.state === 'connected', 20_000, 'connected');
    // (A third entry may already be there: the probe of WebSocket the fallback makes right after it is chosen.)
    assert.deepEqual(transports.slice(0, 2), ['ws', 'http'], 'the refused upgrade made it fall back');

    client.send({ text: 'hello', clientId: 'first' });
    await waitUntil(() => acks.includes('first'), 20_000, 'first ack');
    const conversationId = messages[0].conversationId;
    const staff = await staffClient(ts, site.staffToken);
    const staffSending = (async () => {
      for (let i = 0; i < 60; i++) await staff.call('message.send', { conversationId, clientId: `s${i}`, text: `reply ${i}` });
    })();
    const visitorTexts: string[] = [];
    for (let k = 0; k < 3; k++) {
      await waitUntil(() => messages.length > 1 + (k + 1) * 12, 20_000, `reply batch ${k}`);
      for (let i = 0; i < 5; i++) {
        const text = `visitor ${k}.${i}`;
        visitorTexts.push(text);
        client.send({ text });
      }
      // Cut the stream in use, not one already cut: wait until the reconnect after the last cut is live.
      await waitUntil(() => client.state === 'connected' && streamCount() === k + 1, 20_000, `stream ${k + 1} live`);
      cut();
    }
    await staffSending;
    await waitUntil(() => messages.some((m) => m.text === 'reply 59') && client.outbox().length === 0, 20_000, 'all delivered');
    await waitUntil(() => visitorTexts.every((t) => messages.some((m) => m.text === t)), 20_000, 'own messages echoed');

    assert.ok(transports.filter((t) => t === 'http').length >= 4, `a new stream after each cut (${transports.join(',')})`);
    assert.equal(transports.filter((t) => t === 'ws').length, 2, 'WebSocket tried once, and probed once when the fallback was chosen: no new wait for it on reconnects');
    assert.ok(lostAnswers() > 0, 'some POST answers were lost and the POSTs sent again');
    const replies = messages.filter((m) => m.author.kind === 'staff').map((m) => m.text);
    assert.deepEqual(replies, Array.from({ length: 60 }, (_, i) => `reply ${i}`), 'every reply once, in order');
    const own = messages.filter((m) => m.author.kind === 'visitor').map((m) => m.text);
    assert.deepEqual(own, ['hello', ...visitorTexts], 'each outbox item committed once, in the order written');
    assert.equal(new Set(acks).size, acks.length);
    const principal = await ts.server.auth.verifyAccessToken(site.staffToken);
    const history = await ts.server.domain.history(principal, conversationId, { limit: 200 });
    assert.equal(history.messages.length, 1 + 60 + visitorTexts.length, 'the server holds each message once');
    client.stop();
    await staff.close();
  });
});
