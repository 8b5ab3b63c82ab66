import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StateChange } from './api.ts';
import { resolveOptions } from './options.ts';
import { createConnection } from './state-machine.ts';
import { FakeSocket, fakeEnv, flush } from './testing/fake-env.ts';

function setup() {
  const env = fakeEnv();
  const log = { opened: 0, frames: [] as string[], downs: [] as string[], changes: [] as StateChange[] };
  const conn = createConnection(env, resolveOptions({ connectTimeoutMs: 1000, stableAfterMs: 2000 }), {
    opened: () => log.opened++,
    frame: (d) => log.frames.push(d),
    down: (next, reason) => log.downs.push(`${next}:${reason}`),
  });
  conn.onState((c) => log.changes.push(c));
  const states = () => log.changes.map((c) => c.state);
  return { env, conn, log, states };
}

test('idle -> connecting -> connected, one StateChange per transition', () => {
  const { env, conn, log, states } = setup();
  assert.equal(conn.state, 'idle');
  conn.start();
  conn.start(); // no-op while connecting
  assert.equal(env.sockets.length, 1);
  env.socket().open();
  assert.equal(log.opened, 1);
  conn.connected(5000);
  assert.deepEqual(states(), ['connecting', 'connected']);
  assert.deepEqual(log.changes[1], { state: 'connected', previous: 'connecting' });
});

test('a dropped socket waits with backoff, then reconnects on a new socket', () => {
  const { env, conn, log, states } = setup();
  conn.start();
  env.socket().open();
  conn.connected(60_000);
  env.socket().serverClose(1006);
  const waiting = log.changes.at(-1)!;
  assert.equal(waiting.state, 'waiting');
  assert.equal(waiting.reason, 'close 1006');
  assert.ok(waiting.retryAt! >= env.now() && waiting.retryAt! < env.now() + 500);
  assert.deepEqual(log.downs, ['waiting:close 1006']);
  env.clock.advance(waiting.retryAt! - env.now());
  assert.equal(env.sockets.length, 2);
  assert.deepEqual(states(), ['connecting', 'connected', 'waiting', 'connecting']);
});

test('1001 (server going away) reconnects with backoff', () => {
  const { env, conn } = setup();
  conn.start();
  env.socket().open();
  conn.connected(60_000);
  env.socket().serverClose(1001, 'shutting down');
  assert.equal(conn.state, 'waiting');
  env.clock.advance(30_000);
  assert.equal(conn.state, 'connecting');
});

test('fatal close codes fail without retrying until start()', () => {
  for (const [code, reason] of [[4001, 'unauthorized'], [4003, 'forbidden'], [4005, 'protocol_version'], [4011, 'unauthorized']] as const) {
    const { env, conn, log } = setup();
    conn.start();
    env.socket().open();
    env.socket().serverClose(code);
    assert.deepEqual(log.changes.at(-1), { state: 'failed', previous: 'connecting', reason });
    env.clock.advance(10 * 60_000);
    assert.equal(env.sockets.length, 1, `no retry after ${code}`);
    conn.start();
    assert.equal(conn.state, 'connecting');
    assert.equal(env.sockets.length, 2);
  }
});

test('late callbacks of an old socket are ignored', () => {
  const { env, conn, log, states } = setup();
  conn.start();
  const old = env.socket();
  old.open();
  conn.connected(60_000);
  conn.restart('token');
  const fresh = env.socket();
  assert.notEqual(old, fresh);
  assert.equal(old.closedByClient?.code, 1000, 'the old socket was closed');
  const before = states().length;
  // The old socket's close and a message arrive after we moved on.
  old.captured.onmessage!({ data: '{"type":"heartbeat","t":1}' });
  old.captured.onclose!({ code: 4001, reason: 'late' });
  old.captured.onopen!({});
  assert.deepEqual(log.frames, []);
  assert.equal(log.opened, 1);
  assert.equal(states().length, before);
  assert.equal(conn.state, 'connecting');
  fresh.open();
  assert.equal(log.opened, 2);
});

test('no open + hello within connectTimeoutMs: retry', () => {
  const { env, conn, log } = setup();
  conn.start();
  env.clock.advance(999);
  assert.equal(conn.state, 'connecting');
  env.clock.advance(1);
  assert.equal(conn.state, 'waiting');
  assert.equal(log.changes.at(-1)!.reason, 'heartbeat timeout');
});

test('watchdog: silence past the limit reconnects; frames keep it alive', () => {
  const { env, conn } = setup();
  conn.start();
  env.socket().open();
  conn.connected(25_000);
  for (let i = 0; i < 10; i++) {
    env.clock.advance(10_000);
    env.socket().receive({ type: 'heartbeat', t: i });
  }
  assert.equal(conn.state, 'connected');
  env.clock.advance(25_000);
  assert.equal(conn.state, 'waiting');
});

test('stop is the one teardown: idle, socket closed, no timers left', () => {
  const { env, conn, log } = setup();
  conn.start();
  env.socket().open();
  conn.connected(25_000);
  conn.stop();
  assert.equal(conn.state, 'idle');
  assert.deepEqual(log.downs, ['idle:stopped']);
  assert.deepEqual(env.clock.pending(), []);
  conn.stop();
  assert.deepEqual(log.downs, ['idle:stopped'], 'stopping twice tears down once');
});

test('backoff grows across failed attempts and resets once a connection stays up', () => {
  const { env, conn, log } = setup();
  const untilRetry = () => env.clock.advance(log.changes.at(-1)!.retryAt! - env.now());
  conn.start();
  for (let i = 0; i < 4; i++) {
    env.socket().serverClose(1006);
    untilRetry();
  }
  assert.equal(conn.attempt, 4);
  env.socket().open();
  conn.connected(60_000);
  env.clock.advance(1999);
  env.socket().serverClose(1006);
  assert.equal(conn.attempt, 5, 'a connection that drops quickly does not reset');
  untilRetry();
  env.socket().open();
  conn.connected(60_000);
  env.clock.advance(2000);
  assert.equal(conn.attempt, 0);
});

test('connectNow skips the wait; createSocket throwing means waiting, not a crash', () => {
  const { env, conn } = setup();
  conn.start();
  env.socket().serverClose(1006);
  conn.connectNow('wake');
  assert.equal(conn.state, 'connecting');
  assert.equal(env.sockets.length, 2);

  const broken = fakeEnv({ createSocket: () => { throw new Error('blocked by CSP'); } });
  const c2 = createConnection(broken, resolveOptions(), { opened() {}, frame() {}, down() {} });
  c2.start();
  assert.equal(c2.state, 'waiting');
});

test('a socket given as a promise (its transport still loading) is used when it comes; one that comes too late is closed; a failed one means waiting', async () => {
  const later = (s: FakeSocket) => fakeEnv({ createSocket: () => Promise.resolve(s) });
  const sock = new FakeSocket('ws://x');
  const env = later(sock);
  const opened: number[] = [];
  const conn = createConnection(env, resolveOptions({ connectTimeoutMs: 1000 }), { opened: () => opened.push(1), frame() {}, down() {} });
  conn.start();
  assert.equal(conn.state, 'connecting');
  assert.equal(conn.send({ type: 'ping' }), false, 'nothing to send on yet');
  await flush();
  sock.open();
  assert.deepEqual(opened, [1], 'the socket came and is the one in use');
  conn.connected(60_000);
  assert.equal(conn.state, 'connected');

  const late = new FakeSocket('ws://x');
  const c2 = createConnection(later(late), resolveOptions(), { opened() {}, frame() {}, down() {} });
  c2.start();
  c2.stop();
  await flush();
  assert.ok(late.closedByClient, 'the attempt was over: closed unused');

  const failed = fakeEnv({ createSocket: () => Promise.reject(new Error('chunk did not load')) });
  const c3 = createConnection(failed, resolveOptions(), { opened() {}, frame() {}, down() {} });
  c3.start();
  await flush();
  assert.equal(c3.state, 'waiting', 'retried with backoff, like a socket that could not be created');
});
