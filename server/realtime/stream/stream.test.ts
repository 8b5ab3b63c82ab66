import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloseCodes, PROTOCOL_VERSION } from '../../../protocol/index.ts';
import { connect, manualHeartbeat, newVisitor, staffClient, startTestServer, createTestSite, useTestServer, withTestServer } from '../test-helpers.ts';
import { openStream, streamClient } from './test-stream-client.ts';

const hello = (token: string, extra: Record<string, unknown> = {}) => ({ type: 'hello', id: 'h', v: PROTOCOL_VERSION, token, ...extra });
const ORIGIN = 'https://shop.example';

describe('HTTP fallback: the same protocol over a stream and POSTs', () => {
  const { ts, a } = useTestServer();

  test('a visitor on a stream and an agent on a WebSocket chat both ways; the answers come down the stream', async () => {
    const staff = await staffClient(ts, a.staffToken);
    const v = await newVisitor(ts, a.site);
    const vs = await streamClient(ts, v.token, { site: a.site.key, origin: ORIGIN });
    try {
      assert.equal(vs.helloResult.role, 'visitor');
      assert.equal(vs.helloResult.visitor?.id, v.visitorId);
      const sent = await vs.call('message.send', { clientId: 'm1', text: 'Hello over HTTP' });
      await staff.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.id === sent.messageId));
      const reply = await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'r1', text: 'Hello back' });
      await vs.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.id === reply.messageId));
      // Typing is ephemeral and reaches the stream like any event.
      await staff.call('typing', { conversationId: sent.conversationId, typing: true });
      await vs.waitForEvents((es) => es.some((e) => e.kind === 'typing' && e.typing));
    } finally {
      await vs.close();
      await staff.close();
    }
  });

  test('a batch sent again is applied once; a batch after a missing one is refused; frames keep their order', async () => {
    const v = await newVisitor(ts, a.site);
    const vs = await streamClient(ts, v.token, { site: a.site.key });
    try {
      const batch = [1, 2, 3].map((i) => ({ type: 'message.send', id: `b${i}`, clientId: `batch-${i}`, text: `batch ${i}` }));
      assert.deepEqual(await vs.post(batch, { seq: 1 }), { status: 202, body: { seq: 1 } });
      // The answer was lost: the client sends batch 1 again (another process may even relay it twice).
      assert.deepEqual(await vs.post(batch, { seq: 1 }), { status: 202, body: { seq: 1 } });
      const gap = await vs.post([{ type: 'ping', id: 'p' }], { seq: 3 });
      assert.equal(gap.status, 409);
      assert.equal(gap.body.code, 'conflict');
      await vs.waitFor((f) => f.type === 'ack' && f.id === 'b3');
      const acks = vs.frames.filter((f) => f.type === 'ack' && f.id.startsWith('b')).map((f) => (f as { id: string }).id);
      assert.deepEqual(acks, ['b1', 'b2', 'b3'], 'each command answered once, in order');
      const [conv] = await ts.server.store.listVisitorConversations(v.visitorId);
      const stored = await ts.server.store.history(conv.id, { limit: 10, includeNotes: false });
      assert.deepEqual(stored.messages.map((m) => m.text), ['batch 1', 'batch 2', 'batch 3']);
      assert.equal(vs.frames.some((f) => f.type === 'ack' && f.id === 'p'), false, 'the refused batch did nothing');
    } finally {
      await vs.close();
    }
  });

  test('POSTs need the credentials of the stream\'s own visitor or agent', async () => {
    const v = await newVisitor(ts, a.site);
    const other = await newVisitor(ts, a.site);
    const vs = await streamClient(ts, v.token, { site: a.site.key });
    try {
      const frames = { seq: 1, frames: ['{"type":"ping","id":"x"}'] };
      const none = await vs.postRaw(frames, { token: '' });
      assert.equal(none.status, 401);
      assert.equal(none.body.code, 'unauthorized');
      const foreign = await vs.postRaw(frames, { token: other.token });
      assert.equal(foreign.status, 404, 'another visitor cannot use (or find) the stream');
      assert.equal((await vs.postRaw(frames, { token: a.staffToken })).status, 404, 'nor can staff');
      const unknown = await fetch(`${ts.server.url}/api/v1/realtime/stream/${'x'.repeat(24)}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` }, body: JSON.stringify(frames) });
      assert.equal(unknown.status, 404);
      assert.deepEqual(Object.keys(await unknown.json()).sort(), ['code', 'message']);
      const evil = await vs.postRaw(frames, { headers: { origin: 'https://evil.example' } });
      assert.equal(evil.status, 403);
      assert.equal(evil.body.code, 'origin_not_allowed');
      assert.equal((await vs.post(['{"type":"ping","id":"ok"}'])).status, 202);
      await vs.waitFor((f) => f.type === 'ack' && f.id === 'ok');
    } finally {
      await vs.close();
    }
  });

  test('the hello\'s token is checked as on /ws: refused with an error frame and the close code, and the stream ends', async () => {
    const v = await newVisitor(ts, a.site);
    const bad = await openStream(ts, hello('not-a-token'), { site: a.site.key });
    assert.ok(bad.ok);
    const err = await bad.client.waitFor((f) => f.type === 'error');
    assert.equal((err as { code: string }).code, 'unauthorized');
    assert.equal(await bad.client.closed, CloseCodes.unauthorized);
    // A visitor token on a staff stream (no site) is the wrong kind.
    const wrong = await openStream(ts, hello(v.token));
    assert.ok(wrong.ok);
    assert.equal(await wrong.client.closed, CloseCodes.forbidden);
    const version = await openStream(ts, hello(v.token, { v: 2 }), { site: a.site.key });
    assert.ok(version.ok);
    assert.equal(await version.client.closed, CloseCodes.protocolVersion);
  });

  test('Origin, site and Host are checked before the stream starts, with { code, message }', async () => {
    const v = await newVisitor(ts, a.site);
    const evil = await openStream(ts, hello(v.token), { site: a.site.key, origin: 'https://evil.example' });
    assert.deepEqual(evil.ok ? null : [evil.status, evil.body.code], [403, 'origin_not_allowed']);
    const unknown = await openStream(ts, hello(v.token), { site: 'pk_nope' });
    assert.deepEqual(unknown.ok ? null : [unknown.status, unknown.body.code], [404, 'not_found']);
    const staffFromElsewhere = await openStream(ts, hello(a.staffToken), { origin: 'https://evil.example' });
    assert.deepEqual(staffFromElsewhere.ok ? null : [staffFromElsewhere.status, staffFromElsewhere.body.code], [403, 'origin_not_allowed']);
  });

  test('resume by seq replays what was missed, then live events; events.fetch answers on the stream', async () => {
    const staff = await staffClient(ts, a.staffToken);
    const v = await newVisitor(ts, a.site);
    const first = await streamClient(ts, v.token, { site: a.site.key });
    const sent = await first.call('message.send', { clientId: 'r-1', text: 'before the drop' });
    await first.close();
    const r1 = await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'sr-1', text: 'while away 1' });
    const r2 = await staff.call('message.send', { conversationId: sent.conversationId, clientId: 'sr-2', text: 'while away 2' });
    const again = await streamClient(ts, v.token, { site: a.site.key, resume: { conversations: { [sent.conversationId]: sent.seq } } });
    try {
      assert.equal(again.helloResult.resume?.replayed, 2);
      await again.waitForEvents((es) => es.filter((e) => e.kind === 'message.created').length === 2);
      assert.deepEqual(again.events('message.created').map((e) => e.seq), [r1.seq, r2.seq]);
      const fetched = await again.call('events.fetch', { conversationId: sent.conversationId, after: 0 });
      assert.equal(fetched.upTo, r2.seq);
      assert.ok(again.events('message.created').some((e) => e.message.text === 'before the drop'), 'the fetched range came as event frames before its ack');
    } finally {
      await again.close();
      await staff.close();
    }
  });

  test('staff use a stream with the session cookie (the dashboard) and with a token', async () => {
    const byToken = await streamClient(ts, a.staffToken);
    assert.equal(byToken.helloResult.role, 'staff');
    await byToken.close();
    const byCookie = await openStream(ts, hello(''), { headers: { cookie: `parley_session=${encodeURIComponent(a.staffToken)}` }, token: '' });
    assert.ok(byCookie.ok);
    const ack = await byCookie.client.waitFor((f) => f.type === 'ack' && f.id === 'h');
    assert.equal((ack as { result: { role: string } }).result.role, 'staff');
    const posted = await byCookie.client.postRaw({ seq: 1, frames: ['{"type":"ping","id":"c"}'] }, { token: '', headers: { cookie: `parley_session=${encodeURIComponent(a.staffToken)}` } });
    assert.equal(posted.status, 202, 'the cookie authenticates the POST; the stream id is the proof it comes from the reader');
    await byCookie.client.waitFor((f) => f.type === 'ack' && f.id === 'c');
    await byCookie.client.close();
  });
});

describe('HTTP fallback presence', () => {
  test('presence counts a visitor\'s streams and sockets together: online with a tab on each, offline when the last one closes', async () => {
    await withTestServer({ visitorOfflineGraceMs: 0 }, async (ts, a) => {
      const staff = await staffClient(ts, a.staffToken);
      const v = await newVisitor(ts, a.site);
      const presenceOf = () => staff.events('presence').filter((e) => e.entry.actor.kind === 'visitor' && e.entry.actor.id === v.visitorId).map((e) => e.entry.status);
      const onStream = await streamClient(ts, v.token, { site: a.site.key });
      await staff.waitForEvents(() => presenceOf().length === 1);
      const onSocket = await connect(ts, { site: a.site.key });
      await onSocket.hello(v.token);
      await onStream.close();
      await staff.call('ping');
      const entries = await staff.call('presence.query', {});
      assert.ok(entries.entries.some((e: { actor: { id: string }; status: string }) => e.actor.id === v.visitorId && e.status === 'online'), 'still online on the socket');
      await onSocket.close();
      await staff.waitForEvents(() => presenceOf().length === 2);
      assert.deepEqual(presenceOf(), ['online', 'offline']);
      await staff.close();
    });
  });
});

describe('HTTP fallback limits', () => {
  test('frame size: too large gets frame_too_large and the stream stays; above twice the limit it closes 1009; frames per POST and body size are limited', async () => {
    await withTestServer({ limits: { maxFrameBytes: 1024 }, serverLimits: { streamMaxFramesPerPost: 4, streamMaxPostBytes: 8192 } }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const vs = await streamClient(ts, v.token, { site: a.site.key });
      const big = JSON.stringify({ type: 'message.send', id: 'big', clientId: 'big', text: 'x'.repeat(1500) });
      assert.equal((await vs.post([big])).status, 202);
      const err = await vs.waitFor((f) => f.type === 'error' && f.id === 'big');
      assert.equal((err as { code: string }).code, 'frame_too_large');
      const tooMany = await vs.postRaw({ seq: 2, frames: Array.from({ length: 5 }, (_, i) => `{"type":"ping","id":"p${i}"}`) });
      assert.equal(tooMany.status, 400);
      assert.match(tooMany.body.message, /At most 4 frames/);
      const heavy = await vs.postRaw({ seq: 2, frames: ['x'.repeat(9000)] });
      assert.equal(heavy.status, 413);
      assert.equal(heavy.body.code, 'payload_too_large');
      assert.equal((await vs.post(['{"type":"ping","id":"alive"}'], { seq: 2 })).status, 202);
      await vs.waitFor((f) => f.type === 'ack' && f.id === 'alive');
      await vs.post(['x'.repeat(2100)], { seq: 3 });
      assert.equal(await vs.closed, CloseCodes.tooLarge);
    });
  });

  test('frames share the per-connection rate limit; connections per IP count streams and sockets together', async () => {
    await withTestServer({ limits: { rateBurst: 3, ratePerSec: 0.001, maxConnectionsPerIp: 2 } }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const vs = await streamClient(ts, v.token, { site: a.site.key }); // the hello took a token
      await vs.post(['{"type":"ping","id":"r1"}', '{"type":"ping","id":"r2"}', '{"type":"ping","id":"r3"}']);
      const limited = await vs.waitFor((f) => f.type === 'error' && f.id === 'r3');
      assert.equal((limited as { code: string }).code, 'rate_limited');
      const ws = await connect(ts, { site: a.site.key });
      const third = await openStream(ts, hello(v.token), { site: a.site.key });
      assert.deepEqual(third.ok ? null : [third.status, third.body.code], [429, 'too_many_connections']);
      await ws.close();
      await vs.close();
    });
  });

  test('heartbeat: a stream gets heartbeat frames and ping events; one whose client stops answering pings is cut', async () => {
    const beat = manualHeartbeat();
    await withTestServer({}, { heartbeatTimer: beat.timer }, async (ts, a) => {
      const v = await newVisitor(ts, a.site);
      const healthy = await streamClient(ts, v.token, { site: a.site.key });
      const silent = await streamClient(ts, v.token, { site: a.site.key });
      beat.tick();
      await healthy.waitFor((f) => f.type === 'heartbeat');
      await silent.waitFor((f) => f.type === 'heartbeat');
      const ping = healthy.transport.find((t) => t.event === 'ping');
      assert.equal(ping?.data, '1');
      assert.equal((await healthy.postRaw({ pong: 1 })).status, 202);
      beat.tick();
      assert.equal(await silent.closed, 1006, 'cut without a goodbye, as a ws that missed its pong');
      await healthy.waitFor((f) => f.type === 'heartbeat' && healthy.frames.filter((x) => x.type === 'heartbeat').length === 2);
      await healthy.call('ping');
      await healthy.close();
    });
  });

  test('shutdown says 1001 on every stream after answering what it took; /metrics counts sessions per transport', async () => {
    const ts = await startTestServer({ metricsToken: 'metrics-token-0123456789' });
    try {
      const a = await createTestSite(ts);
      const v = await newVisitor(ts, a.site);
      const vs = await streamClient(ts, v.token, { site: a.site.key });
      const ws = await staffClient(ts, a.staffToken);
      const metrics = await (await fetch(`${ts.server.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).text();
      assert.match(metrics, /parley_realtime_sessions\{transport="stream",role="visitor"\} 1/);
      assert.match(metrics, /parley_realtime_sessions\{transport="ws",role="staff"\} 1/);
      await vs.post(['{"type":"message.send","id":"last","clientId":"last","text":"last words"}']);
      const stopping = ts.server.close();
      assert.equal(await vs.closed, CloseCodes.goingAway);
      assert.ok(vs.frames.some((f) => f.type === 'ack' && f.id === 'last'), 'the send it had taken was answered before the close');
      await ws.closed;
      await stopping;
    } finally {
      await ts.stop();
    }
  });
});
