import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerEvent } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { createTestSite, newVisitor, staffClient, startTestServer, visitorClient, withTestServer, type TestClient } from './test-helpers.ts';

/**
 * What one anonymous visitor or one address can still make the server do (issue 17): conversations
 * opened in a loop, messages from many sockets at once, and page-context broadcasts to staff.
 * Each test sets the limit it tests back to its default or a small value (the test helpers raise them).
 */
type VisitorUpdated = Extract<ServerEvent, { kind: 'visitor.updated' }>;

test('a loop of session -> hello -> send from one IP opens 20 conversations, then is refused (was: 209 in 15 s)', async () => {
  await withTestServer({ serverLimits: { newConversationsPerIp: 20 } }, async (ts) => {
    const { site } = await createTestSite(ts);
    const outcomes: string[] = [];
    let refusal = '';
    for (let i = 0; i < 30; i++) {
      const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key } });
      const v = await visitorClient(ts, site, session.body.visitorToken);
      const answer = await v.request('message.send', { clientId: `loop-${i}`, text: 'buy cheap watches' });
      outcomes.push(answer.type === 'ack' ? 'ok' : (answer as { code: string }).code);
      if (answer.type === 'error') refusal = (answer as { message: string }).message;
      await v.close();
    }
    assert.deepEqual(outcomes, [...Array(20).fill('ok'), ...Array(10).fill('rate_limited')]);
    assert.match(refusal, /^Too many new conversations from your address; try again in \d+ seconds?, or write in your open conversation\.$/);
  });
});

test('new conversations per site are capped for all addresses together; writing in an open one is not', async () => {
  await withTestServer({ serverLimits: { newConversationsPerSite: 3 } }, async (ts) => {
    const { site } = await createTestSite(ts);
    const clients: TestClient[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const v = await visitorClient(ts, site, (await newVisitor(ts, site)).token);
      clients.push(v);
      const answer = await v.request('message.send', { clientId: `s-${i}`, text: 'hello' });
      codes.push(answer.type === 'ack' ? 'ok' : (answer as { message: string }).message);
    }
    assert.deepEqual(codes.slice(0, 3), ['ok', 'ok', 'ok']);
    assert.match(codes[3], /^This site is receiving too many new conversations right now; try again in \d+ seconds?\.$/);
    const again = await clients[0].request('message.send', { clientId: 's-0b', text: 'still there?' });
    assert.equal(again.type, 'ack', 'a visitor with an open conversation keeps writing');
    await Promise.all(clients.map((c) => c.close()));
  });
});

test('one visitor on 10 sockets shares one budget: 100 sends at once, 40 accepted (was: each socket its own)', async () => {
  await withTestServer({ serverLimits: { principalRateBurst: 40, principalRatePerSec: 0 } }, async (ts) => {
    const { site } = await createTestSite(ts);
    const v = await newVisitor(ts, site);
    const first = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: site.id, visitorId: v.visitorId }, { clientId: 'open', text: 'hi' });
    const sockets = await Promise.all(Array.from({ length: 10 }, () => visitorClient(ts, site, v.token)));
    const answers = await Promise.all(
      sockets.flatMap((s, i) => Array.from({ length: 10 }, (_, j) => s.request('message.send', { conversationId: first.conversationId, clientId: `m-${i}-${j}`, text: `spam ${i}.${j}` }))),
    );
    const acked = answers.filter((a) => a.type === 'ack').length;
    assert.equal(acked, 40);
    const refused = answers.find((a) => a.type === 'error') as { code: string; message: string };
    assert.equal(refused.code, 'rate_limited');
    assert.match(refused.message, /^Too many commands from your connections together; try again in \d+ seconds?\.$/);
    const history = await ts.server.store.history(first.conversationId, { limit: 200, includeNotes: true });
    assert.equal(history.messages.length, 41, 'nothing was written for a refused send');
    // Another visitor is not affected, and pings are never refused.
    assert.equal((await sockets[0].request('ping')).type, 'ack');
    const other = await visitorClient(ts, site, (await newVisitor(ts, site)).token);
    assert.equal((await other.request('message.send', { clientId: 'o', text: 'hello' })).type, 'ack');
    await Promise.all([...sockets, other].map((s) => s.close()));
  });
});

test('a throttle without takeNow (Redis: buckets in another process) is awaited: its refusal refuses the send', async () => {
  const asked: string[] = [];
  // Refuses only the per-principal command budget (sign-in and the rest pass).
  const throttle = {
    take: async (key: string, rule: { name: string }) => (rule.name !== 'commands' ? { ok: true as const } : (asked.push(key), { ok: false as const, retryAfterSec: 3 })),
    close: async () => {},
  };
  const ts = await startTestServer({}, { throttle });
  try {
    const { site } = await createTestSite(ts);
    const v = await newVisitor(ts, site);
    const socket = await visitorClient(ts, site, v.token);
    const refused = (await socket.request('message.send', { clientId: 'r', text: 'hi' })) as { type: string; code?: string; message?: string };
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'rate_limited');
    assert.match(refused.message!, /try again in 3 seconds/);
    assert.ok(asked.some((key) => key.includes(v.visitorId)), `asked for the visitor's bucket: ${asked.join(', ')}`);
    await socket.close();
  } finally {
    await ts.stop();
  }
});

test('a page context above 8 KiB is refused with its size; staff get nothing for it', async () => {
  await withTestServer({}, async (ts) => {
    const { site, staffToken } = await createTestSite(ts);
    const staff = await staffClient(ts, staffToken);
    const v = await newVisitor(ts, site);
    const socket = await visitorClient(ts, site, v.token);
    await socket.call('message.send', { clientId: 'c', text: 'hello' });
    const attributes = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`a${i}`, 'x'.repeat(1000)]));
    const answer = (await socket.request('context.update', { context: { url: 'https://shop.example/big', attributes } })) as { type: string; code: string; message: string };
    assert.equal(answer.type, 'error');
    assert.equal(answer.code, 'bad_request');
    assert.match(answer.message, /^The page context is 5\d{4} bytes; at most 8192 are kept/);
    await socket.call('context.update', { context: { url: 'https://shop.example/small' } });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'visitor.updated' && e.visitor.context.url === 'https://shop.example/small'));
    assert.equal(staff.events('visitor.updated').some((e) => e.visitor.context.url === 'https://shop.example/big'), false);
    await Promise.all([socket.close(), staff.close()]);
  });
});

test('200 context.update frames from 10 sockets reach staff as a few visitor.updated, at least one interval apart, the last page last', async () => {
  const INTERVAL = 300;
  // 21 frames a socket: above the per-socket burst, which this test is not about.
  await withTestServer({ visitorUpdateMs: INTERVAL, limits: { rateBurst: 1000, ratePerSec: 1000 } }, async (ts) => {
    const { site, staffToken } = await createTestSite(ts);
    const staff = await staffClient(ts, staffToken);
    const v = await newVisitor(ts, site);
    const sockets = await Promise.all(Array.from({ length: 10 }, () => visitorClient(ts, site, v.token)));
    await sockets[0].call('message.send', { clientId: 'c', text: 'hello' });
    const arrivals: number[] = [];
    staff.ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === 'event' && frame.event.kind === 'visitor.updated' && frame.event.visitor.id === v.visitorId) arrivals.push(performance.now());
    });
    const title = 'T'.repeat(2000);
    for (let round = 0; round < 20; round++) {
      await Promise.all(sockets.map((s, i) => s.call('context.update', { context: { url: `https://shop.example/p/${round}/${i}`, title } })));
    }
    const last = 'https://shop.example/final';
    await sockets[0].call('context.update', { context: { url: last, title } });
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'visitor.updated' && (e as VisitorUpdated).visitor.context.url === last));
    const updates = staff.events('visitor.updated').filter((e) => e.visitor.id === v.visitorId);
    assert.ok(updates.length < 30, `201 changes reached staff as ${updates.length} updates`);
    assert.equal(updates.at(-1)!.visitor.context.url, last, 'the merged update carries the latest page');
    for (let i = 1; i < arrivals.length; i++) assert.ok(arrivals[i] - arrivals[i - 1] >= INTERVAL / 2, `updates ${i - 1} and ${i} came ${arrivals[i] - arrivals[i - 1]} ms apart`);
    await Promise.all([...sockets, staff].map((s) => s.close()));
  });
});
