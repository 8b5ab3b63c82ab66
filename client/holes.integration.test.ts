import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent, Message, ServerFrame } from '../protocol/index.ts';
import {
  createTestSite,
  manualHeartbeat,
  newVisitor,
  staffClient,
  startTestServer,
  visitorClient,
  waitUntil,
  wsUrl,
  type TestServer,
  type TestSite,
} from '../server/realtime/test-helpers.ts';
import { liveClient, type LiveClient } from './testing/live-client.ts';

/**
 * The client's hole check against the real server (port 0, real SQLite, real sockets). The server
 * never sends a hole, so the transport between them loses chosen frames on a socket that stays open
 * (what a buggy proxy would do); the client must notice from a later event or from the heartbeat's
 * high-water mark, fetch the range (events.fetch) and hand the app every event once, in order.
 */
describe('client hole check against the real server', () => {
  let ts: TestServer;
  let site: TestSite;
  const heartbeat = manualHeartbeat();
  const clients: LiveClient[] = [];
  before(async () => {
    ts = await startTestServer({ limits: { rateBurst: 1000, ratePerSec: 1000 } }, { heartbeatTimer: heartbeat.timer });
    site = await createTestSite(ts);
  });
  after(async () => {
    for (const c of clients) c.client.stop();
    await ts.stop();
  });

  const isEvent = (f: ServerFrame): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event';
  const messageText = (e: DurableEvent) => (e.kind === 'message.created' ? (e.message as Message).text : undefined);
  const connected = (c: LiveClient) => waitUntil(() => c.client.state === 'connected', 20_000, 'connected');
  const track = (c: LiveClient) => (clients.push(c), c);

  test('staff: every fourth event frame lost; later events and the heartbeat show the holes; the app gets every event once, in cursor order', async () => {
    let n = 0;
    const staff = track(liveClient({ url: wsUrl(ts), token: site.staffToken, lose: (f) => isEvent(f) && 'cursor' in f.event && ++n % 4 === 0 }));
    staff.client.start();
    await connected(staff);
    const start = staff.client.resumePoint().cursor!;

    const visitors = await Promise.all([0, 1].map(async () => visitorClient(ts, site.site, (await newVisitor(ts, site.site)).token, { conversations: {} })));
    await Promise.all(visitors.map(async (v, i) => {
      for (let k = 0; k < 25; k++) await v.call('message.send', { clientId: `v${i}.${k}`, text: `v${i}.${k}` });
    }));
    const stored = await ts.server.store.eventsAfterCursor(site.site.id, start, 1000);
    // The last events may be the lost ones: only the heartbeat's mark can show that hole.
    await waitUntil(() => staff.lost.length > 0 && staff.events.length > 0, 20_000, 'events flowing');
    heartbeat.tick();
    await waitUntil(() => staff.events.length >= stored.length, 20_000, `all ${stored.length} events (have ${staff.events.length})`);

    assert.ok(staff.lost.length >= 12, `the transport lost frames (${staff.lost.length})`);
    assert.ok(staff.fetches().length > 0, 'holes were filled with events.fetch');
    assert.equal(staff.sockets.length, 1, 'on the same socket, without a reconnect');
    assert.deepEqual(staff.events.map((e) => e.cursor), stored.map((e) => e.cursor), 'every event of the site once, in cursor order');
    assert.equal(staff.client.resumePoint().cursor, stored.at(-1)!.cursor);
    for (const v of visitors) await v.close();
  });

  test('visitor: notes are no holes; lost replies (the last one too) are fetched; the app gets each once, in seq order, as REST has them', async () => {
    const v = await newVisitor(ts, site.site);
    let loseReplies = new Set<string>();
    const visitor = track(liveClient({
      url: wsUrl(ts, site.site.key),
      token: v.token,
      // Each lost once: the copy the fetch brings gets through.
      lose: (f) => isEvent(f) && loseReplies.delete(messageText(f.event as DurableEvent) ?? ''),
    }));
    visitor.client.start();
    await connected(visitor);
    visitor.client.send({ text: 'hello', clientId: 'hello' });
    await waitUntil(() => visitor.events.some((e) => messageText(e) === 'hello'), 20_000, 'own message');
    const conversationId = visitor.events[0].conversationId;
    const staff = await staffClient(ts, site.staffToken);

    for (let i = 1; i <= 4; i++) {
      await staff.call('message.send', { conversationId, clientId: `note${i}`, text: `note ${i}`, note: true });
      await staff.call('message.send', { conversationId, clientId: `r${i}`, text: `reply ${i}` });
    }
    await waitUntil(() => visitor.events.some((e) => messageText(e) === 'reply 4'), 20_000, 'reply 4');
    assert.equal(visitor.fetches().length, 0, 'the seqs notes take are no hole for a visitor');

    loseReplies = new Set(['reply 6', 'reply 8']);
    for (let i = 5; i <= 8; i++) await staff.call('message.send', { conversationId, clientId: `r${i}`, text: `reply ${i}` });
    await waitUntil(() => visitor.lost.length === 2 && visitor.events.some((e) => messageText(e) === 'reply 7'), 20_000, 'reply 7');
    heartbeat.tick(); // reply 8 was the last: the mark shows it
    await waitUntil(() => visitor.events.some((e) => messageText(e) === 'reply 8'), 20_000, 'reply 8 fetched');

    const texts = visitor.events.map(messageText).filter(Boolean);
    assert.deepEqual(texts, ['hello', ...Array.from({ length: 8 }, (_, i) => `reply ${i + 1}`)], 'each once, in order, no note');
    const seqs = visitor.events.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y), 'seq order');
    assert.equal(visitor.fetches().length, 2, 'one fetch per hole');
    assert.equal(visitor.sockets.length, 1);
    const principal = await ts.server.auth.verifyAccessToken(v.token);
    const history = await ts.server.domain.history(principal, conversationId, { limit: 50 });
    assert.deepEqual(history.messages.map((m) => m.text), texts, 'REST agrees');
    await staff.close();
  });

  test('a hole the socket dies with is filled by the resume: the next hello starts from the last event held without a hole', async () => {
    const v = await newVisitor(ts, site.site);
    let dropAndKill = '';
    const visitor: LiveClient = track(liveClient({
      url: wsUrl(ts, site.site.key),
      token: v.token,
      lose: (f) => {
        if (!isEvent(f) || messageText(f.event as DurableEvent) !== dropAndKill) return false;
        dropAndKill = '';
        setImmediate(() => visitor.kill());
        return true;
      },
    }));
    visitor.client.start();
    await connected(visitor);
    visitor.client.send({ text: 'hello', clientId: 'hello2' });
    await waitUntil(() => visitor.events.length > 0, 20_000, 'own message');
    const conversationId = visitor.events[0].conversationId;
    const staff = await staffClient(ts, site.staffToken);
    dropAndKill = 'reply 2';
    for (let i = 1; i <= 3; i++) await staff.call('message.send', { conversationId, clientId: `k${i}`, text: `reply ${i}` });
    await waitUntil(() => visitor.events.some((e) => messageText(e) === 'reply 3') && visitor.sockets.length === 2, 20_000, 'reply 3 after the reconnect');
    await waitUntil(() => visitor.events.some((e) => messageText(e) === 'reply 2'), 20_000, 'reply 2 replayed');
    assert.deepEqual(visitor.events.map(messageText).filter(Boolean), ['hello', 'reply 1', 'reply 2', 'reply 3']);
    await staff.close();
  });
});
