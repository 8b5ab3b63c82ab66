import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { createTestSite, newVisitor, visitorClient, waitUntil } from '../realtime/test-helpers.ts';
import { createRedisThrottle } from './redis-throttle.ts';
import { startCluster } from './test-cluster.ts';

/** Rate limits across processes: one visitor's budget is one, whichever process their sockets reach. */

test('one visitor with sockets on two processes shares one budget through Redis', async () => {
  const cluster = await startCluster(2, { serverLimits: { principalRateBurst: 30, principalRatePerSec: 0 } });
  try {
    const [a, b] = cluster.nodes;
    const { site } = await createTestSite(a);
    const v = await newVisitor(a, site);
    const first = await a.server.domain.sendMessage({ kind: 'visitor', siteId: site.id, visitorId: v.visitorId }, { clientId: 'open', text: 'hi' });
    const sockets = await Promise.all([...Array(5)].flatMap(() => [visitorClient(a, site, v.token), visitorClient(b, site, v.token)]));
    const answers = await Promise.all(
      sockets.flatMap((s, i) => Array.from({ length: 6 }, (_, j) => s.request('message.send', { conversationId: first.conversationId, clientId: `x-${i}-${j}`, text: `m ${i}.${j}` }))),
    );
    assert.equal(answers.filter((r) => r.type === 'ack').length, 30, '60 sends over 2 processes, one budget of 30');
    await Promise.all(sockets.map((s) => s.close()));
  } finally {
    await cluster.stop();
  }
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });

test('while Redis is down each process falls back to its own buckets (said once), and shares again once it is back', async () => {
  const port = await freePort();
  const start = () => spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
  let redis = start();
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const c = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => {});
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  };
  await waitUntil(ping, undefined, 'redis-server up');
  const errors: unknown[] = [];
  const prefix = `throttle-test:${randomBytes(4).toString('hex')}:`;
  const one = await createRedisThrottle({ url, prefix, onError: (e) => errors.push(e) });
  const two = await createRedisThrottle({ url, prefix, onError: (e) => errors.push(e) });
  const rule = { name: 'test', burst: 3, perSec: 0 };
  try {
    const shared = [await one.take('k', rule), await two.take('k', rule), await one.take('k', rule), await two.take('k', rule)];
    assert.deepEqual(shared.map((v) => v.ok), [true, true, true, false], 'two processes, one bucket of 3');
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    const alone = [];
    for (let i = 0; i < 5; i++) alone.push((await one.take('k2', rule)).ok);
    assert.deepEqual(alone, [true, true, true, false, false], 'the local bucket still limits');
    assert.equal(errors.length, 1, 'the outage is reported once');
    redis = start();
    await waitUntil(ping, undefined, 'redis-server up again');
    // ioredis reconnects by itself; until then both answer from their own buckets (equal verdicts).
    // A fresh key per try: if only one of them is back, a used-up key would stay used up in Redis and in
    // the other's local bucket (no refill), and the two could never differ again.
    let attempt = 0;
    await waitUntil(async () => {
      const key = `k4-${attempt++}`;
      const r1 = await one.take(key, { ...rule, burst: 1 });
      const r2 = await two.take(key, { ...rule, burst: 1 });
      return r1.ok !== r2.ok;
    }, undefined, 'one bucket across both again');
  } finally {
    await one.close();
    await two.close();
    redis.kill('SIGKILL');
  }
});
