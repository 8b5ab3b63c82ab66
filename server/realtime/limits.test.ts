import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCodes } from '../../protocol/index.ts';
import { connect, createTestSite, newVisitor, staffClient, startTestServer, useTestServer, visitorClient, waitUntil } from './test-helpers.ts';

describe('limits and bad input', () => {
  const { ts, a } = useTestServer({ limits: { maxFrameBytes: 4096, rateBurst: 10, ratePerSec: 1, maxConnectionsPerIp: 8 } });

  /** After abuse, the server must still serve someone else. */
  async function serverStillWorks() {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    assert.equal(typeof (await c.call('ping')).t, 'number');
    await c.close();
  }

  test('malformed JSON, unknown type and schema errors get clear errors; the connection stays up', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    c.sendRaw('{not json');
    const e1 = await c.waitFor((f) => f.type === 'error' && f.code === 'invalid_json');
    assert.equal(e1.type === 'error' && e1.id, undefined);
    const e2 = await c.request('launch.rockets', {});
    assert.equal(e2.type === 'error' && e2.code, 'unknown_type');
    const e3 = await c.request('read', { conversationId: 'c', seq: -1 });
    assert.equal(e3.type === 'error' && e3.code, 'bad_request');
    const e4 = await c.request('message.send', { clientId: 'a', text: 'x', surprise: 1 });
    assert.equal(e4.type === 'error' && e4.code, 'bad_request');
    c.sendRaw([1, 2, 3]);
    await c.waitFor((f) => f.type === 'error' && f.code === 'bad_request' && !('id' in f && f.id));
    assert.equal(typeof (await c.call('ping')).t, 'number');
    await c.close();
  });

  test('a frame over maxFrameBytes gets frame_too_large and the socket stays; far over it closes 1009', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    const e = await c.request('message.send', { clientId: 'big', text: 'x'.repeat(5000) });
    assert.equal(e.type === 'error' && e.code, 'frame_too_large');
    assert.equal(typeof (await c.call('ping')).t, 'number');
    c.sendRaw({ type: 'ping', id: 'huge', pad: 'x'.repeat(20_000) });
    assert.equal((await c.closed).code, CloseCodes.tooLarge);
    await serverStillWorks();
  });

  test('flooding gets rate_limited errors, then close 4008', async () => {
    const v = await newVisitor(ts, a.site);
    const c = await visitorClient(ts, a.site, v.token);
    for (let i = 0; i < 40; i++) c.sendRaw({ type: 'ping', id: `f${i}` });
    await c.waitFor((f) => f.type === 'error' && f.code === 'rate_limited');
    assert.equal((await c.closed).code, CloseCodes.rateLimited);
    await serverStillWorks();
  });

  test('foreign Origin: upgrade refused with 403; allowed origin and no origin pass', async () => {
    await assert.rejects(connect(ts, { site: a.site.key, origin: 'https://evil.example' }), (err: any) => err.status === 403);
    await assert.rejects(connect(ts, { origin: 'https://evil.example' }), (err: any) => err.status === 403);
    await assert.rejects(connect(ts, { site: 'no-such-site' }), (err: any) => err.status === 404);
    const ok = await connect(ts, { site: a.site.key, origin: 'https://shop.example' });
    await ok.close();
    const own = await connect(ts, { origin: ts.server.url });
    await own.close();
  });

  test('connections per IP are limited with 429 on upgrade', async () => {
    await waitUntil(() => ts.server.gateway.size === 0, undefined, 'earlier sockets to close');
    const open = [];
    for (let i = 0; i < 8; i++) open.push(await connect(ts, { site: a.site.key }));
    await assert.rejects(connect(ts, { site: a.site.key }), (err: any) => err.status === 429);
    await open[0].close();
    const again = await connect(ts, { site: a.site.key });
    open.push(again);
    for (const c of open.slice(1)) await c.close();
  });
});

describe('slow consumer', () => {
  test('a client that stops reading is closed with 4009 and the server stays up', async () => {
    const ts = await startTestServer({ limits: { maxBufferedBytes: 16 * 1024, rateBurst: 100_000, ratePerSec: 100_000 } });
    try {
      const a = await createTestSite(ts);
      const v = await newVisitor(ts, a.site);
      const slow = await visitorClient(ts, a.site, v.token);
      const first = await slow.call('message.send', { clientId: 'start', text: 'hi' });
      // Stop reading: the kernel buffers fill, then the server's send buffer grows.
      (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const staff = await staffClient(ts, a.staffToken);
      const text = 'y'.repeat(9000);
      // ~9 MB: far more than the loopback socket buffers hold, so the server-side buffer must grow.
      // Pipelined in batches: the server runs them in order, without a round-trip each.
      for (let n = 0; n < 1000; n += 100) {
        const batch = Array.from({ length: 100 }, (_, i) => staff.call('message.send', { conversationId: first.conversationId, clientId: `b${n + i}`, text }));
        await Promise.all(batch);
      }
      assert.equal(typeof (await staff.call('ping')).t, 'number');
      (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      assert.equal((await slow.closed).code, CloseCodes.slowConsumer);
      // It was cut off: it did not get everything.
      assert.ok(slow.events('message.created').length < 1000);
      await staff.close();
    } finally {
      await ts.stop();
    }
  });
});
