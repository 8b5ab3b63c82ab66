import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableEvent, Message, ServerEvent } from '../protocol/index.ts';
import type { OutboxItem } from './api.ts';
import { createRealtimeClient } from './realtime-client.ts';
import { memoryStorage } from './storage.ts';
import { fakeEnv, flush, type FakeEnv, type FakeSocket } from './testing/fake-env.ts';

function message(conversationId: string, seq: number, clientId = `m${seq}`): Message {
  return { id: `msg${seq}`, conversationId, seq, clientId, author: { kind: 'visitor', id: 'v' }, text: `t${seq}`, attachments: [], note: false, deleted: false, createdAt: seq };
}
const created = (conversationId: string, seq: number): DurableEvent => ({ kind: 'message.created', conversationId, seq, cursor: seq, message: message(conversationId, seq) });
const sendAck = (s: FakeSocket, index: number, seq: number) => {
  const cmd = s.ofType('message.send')[index];
  s.receive({ type: 'ack', id: cmd.id, result: { messageId: `msg${seq}`, conversationId: 'c1', seq, createdAt: 1, message: message('c1', seq, cmd.clientId) } });
};

function setup(env: FakeEnv = fakeEnv()) {
  const client = createRealtimeClient(env, { connectTimeoutMs: 5000, heartbeatMarginMs: 1000 });
  const events: ServerEvent[] = [];
  const outbox: { item: OutboxItem; acked?: unknown }[] = [];
  const reloads: string[][] = [];
  client.onEvent((e) => events.push(e));
  client.onOutbox((c) => outbox.push(c));
  client.onReload((r) => reloads.push(r));
  return { env, client, events, outbox, reloads };
}

test('hello carries protocol version, token and the persisted resume point', () => {
  const storage = memoryStorage();
  const first = setup(fakeEnv({ storage }));
  first.client.start();
  const hello = first.env.socket();
  hello.open();
  assert.deepEqual(hello.last('hello'), { type: 'hello', v: 1, token: 'tok', id: hello.last('hello').id, resume: { conversations: {} } });
  hello.ackHello();
  hello.receive({ type: 'event', event: created('c1', 1) });
  hello.receive({ type: 'event', event: created('c1', 2) });
  first.client.stop();

  const second = setup(fakeEnv({ storage }));
  second.client.start();
  second.env.socket().open();
  assert.deepEqual(second.env.socket().last('hello').resume, { conversations: { c1: 2 } });
  assert.deepEqual(second.client.resumePoint(), { conversations: { c1: 2 } });
});

test('durable events are delivered once, in order; duplicates and out-of-date replays are dropped', () => {
  const { env, client, events } = setup();
  client.start();
  env.socket().handshake();
  const s = env.socket();
  for (const seq of [1, 2, 2, 3, 1]) s.receive({ type: 'event', event: created('c1', seq) });
  s.receive({ type: 'event', event: { kind: 'typing', conversationId: 'c1', actor: { kind: 'staff', id: 's' }, typing: true } });
  s.receive({ type: 'event', event: { kind: 'typing', conversationId: 'c1', actor: { kind: 'staff', id: 's' }, typing: true } });
  s.serverClose(1006);
  env.clock.advance(1000);
  env.socket().open();
  assert.deepEqual(env.socket().last('hello').resume, { conversations: { c1: 3 } });
  env.socket().ackHello({ resume: { reload: [], replayed: 2 } });
  // The replay races a live event that was already delivered.
  env.socket().receive({ type: 'event', event: created('c1', 3) });
  env.socket().receive({ type: 'event', event: created('c1', 4) });
  assert.deepEqual(
    events.map((e) => ('seq' in e ? e.seq : e.kind)),
    [1, 2, 3, 'typing', 'typing', 4],
    'ephemeral events pass through untouched',
  );
});

test('reload targets from the hello ack are emitted', () => {
  const { env, client, reloads } = setup();
  client.start();
  env.socket().handshake({ resume: { reload: ['c9'], replayed: 0 } });
  assert.deepEqual(reloads, [['c9']]);
});

test('request() waits for connected and resolves exactly once', async () => {
  const { env, client } = setup();
  const results: unknown[] = [];
  client.request({ type: 'read', conversationId: 'c1', seq: 4 }).then((r) => results.push(r));
  client.start();
  env.socket().open();
  assert.deepEqual(env.socket().ofType('read'), [], 'not sent before the hello ack');
  env.socket().ackHello();
  const read = env.socket().last('read');
  env.socket().receive({ type: 'ack', id: read.id, result: { seq: 4 } });
  env.socket().receive({ type: 'ack', id: read.id, result: { seq: 5 } });
  env.socket().receive({ type: 'error', id: read.id, code: 'internal', message: 'late' });
  await flush();
  assert.deepEqual(results, [{ seq: 4 }]);
});

test('request(): idempotent commands are resent after a reconnect, others reject as disconnected', async () => {
  const { env, client } = setup();
  client.start();
  env.socket().handshake();
  const read = client.request({ type: 'read', conversationId: 'c1', seq: 2 });
  const del = client.request({ type: 'message.delete', conversationId: 'c1', messageId: 'm' }).catch((e) => e);
  env.socket().serverClose(1006);
  assert.deepEqual(await del, { code: 'disconnected', message: 'The connection was lost before the server answered.' });
  client.reconnectNow();
  env.socket().handshake();
  const resent = env.socket().last('read');
  env.socket().receive({ type: 'ack', id: resent.id, result: { seq: 2 } });
  assert.deepEqual(await read, { seq: 2 });
  assert.deepEqual(env.socket().ofType('message.delete'), []);
});

test('request() rejects at once while failed, and with "stopped" when the app stops', async () => {
  const { env, client } = setup();
  const pending = client.request({ type: 'presence.query' }).catch((e) => e.code);
  client.start();
  env.socket().open();
  env.socket().receive({ type: 'error', id: env.socket().last('hello').id, code: 'token_expired', message: 'expired' });
  assert.equal(client.state, 'failed');
  assert.equal(await pending, 'token_expired');
  assert.equal(await client.request({ type: 'presence.query' }).catch((e) => e.code), 'token_expired');
  client.start();
  const waiting = client.request({ type: 'presence.query' }).catch((e) => e.code);
  client.stop();
  assert.equal(await waiting, 'stopped');
});

test('hello errors: a bad token fails (no retry); a server hiccup retries', () => {
  const { env, client } = setup();
  client.start();
  env.socket().open();
  env.socket().receive({ type: 'error', id: env.socket().last('hello').id, code: 'unauthorized', message: 'bad' });
  assert.equal(client.state, 'failed');
  env.clock.advance(120_000);
  assert.equal(env.sockets.length, 1);
  client.setToken('fresh');
  assert.equal(client.state, 'connecting');
  env.socket().open();
  assert.equal(env.socket().last('hello').token, 'fresh');
  env.socket().receive({ type: 'error', id: env.socket().last('hello').id, code: 'internal', message: 'db busy' });
  assert.equal(client.state, 'waiting');
});

test('outbox: written offline, persisted, sent after hello in order, one at a time, removed by its ack', async () => {
  const storage = memoryStorage();
  const offline = setup(fakeEnv({ storage }));
  offline.client.send({ text: 'one' });
  offline.client.send({ text: 'two' });
  // The page reloads before it ever connected.
  const { env, client, outbox } = setup(fakeEnv({ storage }));
  assert.deepEqual(client.outbox().map((i) => [i.text, i.status]), [['one', 'pending'], ['two', 'pending']]);
  const ids = client.outbox().map((i) => i.clientId);
  client.start();
  env.socket().handshake();
  const s = env.socket();
  assert.deepEqual(s.ofType('message.send').map((f) => f.clientId), [ids[0]], 'only the oldest is in flight');
  sendAck(s, 0, 1);
  await flush();
  assert.deepEqual(s.ofType('message.send').map((f) => f.clientId), ids);
  sendAck(s, 1, 2);
  sendAck(s, 1, 2); // a duplicate ack changes nothing
  await flush();
  assert.deepEqual(outbox.map((c) => [c.item.text, (c.acked as { seq: number }).seq]), [['one', 1], ['two', 2]]);
  assert.deepEqual(client.outbox(), []);
  assert.deepEqual(createRealtimeClient(fakeEnv({ storage })).outbox(), [], 'acked items are gone from storage');
});

test('outbox: a drop before the ack resends the same clientId after the reconnect, exactly once', async () => {
  const { env, client, outbox } = setup();
  client.start();
  env.socket().handshake();
  const item = client.send({ text: 'hello?' });
  const first = env.socket();
  assert.equal(first.last('message.send').clientId, item.clientId);
  first.serverClose(1006); // the ack is lost
  await flush();
  assert.deepEqual(client.outbox().map((i) => i.status), ['pending']);
  client.reconnectNow();
  const second = env.socket();
  second.handshake();
  assert.deepEqual(second.ofType('message.send').map((f) => f.clientId), [item.clientId]);
  sendAck(second, 0, 7);
  await flush();
  assert.equal(outbox.length, 1);
  assert.deepEqual(client.outbox(), []);
});

test('outbox: waits for the resume replay before sending', async () => {
  const { env, client } = setup();
  client.send({ text: 'after replay' });
  client.start();
  env.socket().handshake({ resume: { reload: [], replayed: 2 } });
  const s = env.socket();
  assert.deepEqual(s.ofType('message.send'), []);
  s.receive({ type: 'event', event: created('c1', 1) });
  assert.deepEqual(s.ofType('message.send'), []);
  s.receive({ type: 'event', event: created('c1', 2) });
  assert.equal(s.ofType('message.send').length, 1);
});

test('outbox: if the replay count is off, the ping barrier still releases it', async () => {
  const { env, client } = setup();
  client.send({ text: 'x' });
  client.start();
  env.socket().handshake({ resume: { reload: [], replayed: 5 } });
  const s = env.socket();
  s.receive({ type: 'event', event: created('c1', 1) });
  s.receive({ type: 'ack', id: s.last('ping').id, result: { t: 1 } });
  await flush();
  assert.equal(s.ofType('message.send').length, 1);
});

test('outbox: non-retryable errors mark the item failed and the next one goes; retry() sends it again', async () => {
  const { env, client, outbox } = setup();
  client.start();
  env.socket().handshake();
  const bad = client.send({ text: 'x'.repeat(20) });
  const good = client.send({ text: 'ok' });
  const s = env.socket();
  s.receive({ type: 'error', id: s.last('message.send').id, code: 'text_too_long', message: 'too long' });
  await flush();
  assert.deepEqual(client.outbox().map((i) => [i.clientId, i.status]), [[bad.clientId, 'failed'], [good.clientId, 'pending']]);
  assert.deepEqual(outbox.map((c) => [c.item.status, c.item.error?.code]), [['failed', 'text_too_long']]);
  assert.equal(s.last('message.send').clientId, good.clientId);
  sendAck(s, 1, 1);
  await flush();
  client.retry(bad.clientId);
  assert.equal(s.last('message.send').clientId, bad.clientId);
  client.discard(bad.clientId);
  assert.deepEqual(client.outbox(), []);
});

test('outbox: retryable errors keep the item pending and retry it with backoff, same clientId', async () => {
  const { env, client } = setup();
  client.start();
  env.socket().handshake();
  const item = client.send({ text: 'hi' });
  const s = env.socket();
  s.receive({ type: 'error', id: s.last('message.send').id, code: 'rate_limited', message: 'slow down' });
  await flush();
  assert.deepEqual(client.outbox().map((i) => i.status), ['pending']);
  assert.equal(s.ofType('message.send').length, 1);
  env.clock.advance(500); // first retry ceiling is the backoff base
  assert.deepEqual(s.ofType('message.send').map((f) => f.clientId), [item.clientId, item.clientId]);
});

test('wake: reconnects at once while waiting; probes a connected socket and replaces it if silent', () => {
  const { env, client } = setup();
  client.start();
  env.socket().handshake();
  env.socket().serverClose(1006);
  assert.equal(client.state, 'waiting');
  env.wake();
  assert.equal(client.state, 'connecting');
  env.socket().handshake();
  const live = env.socket();
  env.wake();
  const ping = live.last('ping');
  live.receive({ type: 'ack', id: ping.id, result: { t: 1 } });
  env.clock.advance(10_000);
  assert.equal(client.state, 'connected', 'answered the probe; heartbeat limit not reached');
  env.wake();
  env.clock.advance(5000);
  assert.equal(client.state, 'waiting', 'no answer within probeTimeoutMs');
});

test('the browser going offline drops a live socket at once; coming back online reconnects at once', () => {
  const { env, client } = setup();
  client.start();
  env.socket().handshake();
  const before = env.sockets.length;
  env.wake('offline');
  assert.equal(client.state, 'waiting', 'no probe timeout to wait for: there is no network');
  assert.equal(env.sockets[before - 1].readyState, 3, 'the old socket is closed');
  env.wake('online');
  assert.equal(client.state, 'connecting');
  env.socket().handshake();
  assert.equal(client.state, 'connected');
  env.wake('offline');
  env.wake('offline');
  assert.equal(client.state, 'waiting', 'a second offline while waiting changes nothing');
});

test('heartbeat watchdog uses limits.heartbeatMs from the hello ack', () => {
  const { env, client } = setup();
  client.start();
  env.socket().handshake(); // heartbeatMs 10 000 -> limit 21 000 with a 1 000 margin
  env.clock.advance(20_999);
  assert.equal(client.state, 'connected');
  env.clock.advance(1);
  assert.equal(client.state, 'waiting');
});

test('a listener that throws does not break delivery', (t) => {
  const { env, client, events } = setup();
  client.onEvent(() => {
    throw new Error('app bug');
  });
  const original = console.error;
  console.error = () => {};
  t.after(() => {
    console.error = original;
  });
  client.start();
  env.socket().handshake();
  env.socket().receive({ type: 'event', event: created('c1', 1) });
  env.socket().receive({ type: 'event', event: created('c1', 2) });
  assert.equal(events.length, 2);
});
