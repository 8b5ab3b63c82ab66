import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerFrame } from '../protocol/index.ts';
import type { SocketLike } from './api.ts';
import { fallbackSelector, type SocketHooks } from './http-socket.ts';
import { createRealtimeClient } from './realtime-client.ts';
import { memoryStorage } from './storage.ts';
import { fakeEnv, flush, FakeSocket, ManualClock } from './testing/fake-env.ts';
import { createTransportSelector } from './transport-select.ts';

/** A WebSocket double that also takes listeners (the selector's, beside the state machine's handlers). */
class WsFake extends FakeSocket {
  private listeners: { type: string; fn: () => void }[] = [];
  addEventListener(type: 'message' | 'close', fn: () => void): void {
    this.listeners.push({ type, fn });
  }
  private fire(type: string) {
    for (const l of this.listeners) if (l.type === type) l.fn();
  }
  override receive(frame: ServerFrame | Record<string, unknown>): void {
    super.receive(frame);
    this.fire('message');
  }
  override serverClose(code = 1006, reason = ''): void {
    super.serverClose(code, reason);
    this.fire('close');
  }
}

/** The fallback socket double: tells the fallback module's bookkeeping (http-socket.ts httpSocket) what happens. */
class HttpFake extends FakeSocket {
  constructor(url: string, private readonly hooks: SocketHooks) {
    super(url);
  }
  override receive(frame: ServerFrame | Record<string, unknown>): void {
    this.hooks.seen();
    super.receive(frame);
  }
  override serverClose(code = 1006, reason = ''): void {
    this.hooks.ended();
    super.serverClose(code, reason);
  }
  override close(code?: number, reason?: string): void {
    this.hooks.ended();
    super.close(code, reason);
  }
}

const STALL = 4000;
const PROBE = 600_000;

/** A selector over fake sockets: `ws` and `http` list what it opened, in order; the clock is manual. */
function setup(opts: { storage?: ReturnType<typeof memoryStorage>; clock?: ManualClock } = {}) {
  const clock = opts.clock ?? new ManualClock();
  const storage = opts.storage ?? memoryStorage();
  const ws: WsFake[] = [];
  const http: HttpFake[] = [];
  let loads = 0;
  const create = createTransportSelector({
    ws: (url) => {
      const s = new WsFake(url);
      ws.push(s);
      return s;
    },
    fallback: async () => {
      loads++;
      return {
        fallbackSelector: (o, failed) =>
          fallbackSelector(o, failed, (u, hooks) => {
            const s = new HttpFake(u, hooks);
            http.push(s);
            return s;
          }),
      };
    },
    timers: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now },
    storage,
    key: 'k',
    stallMs: STALL,
    probeMs: PROBE,
  });
  /** What the state machine does: create a socket (a promise while the fallback module loads) and listen to it. */
  const open = () => {
    const events: { kind: string; code?: number }[] = [];
    let socket: SocketLike | undefined;
    const listen = (s: SocketLike) => {
      socket = s;
      s.onopen = () => events.push({ kind: 'open' });
      s.onmessage = () => events.push({ kind: 'message' });
      s.onclose = (e) => events.push({ kind: 'close', code: e.code });
    };
    const made = create('ws://server/ws?site=K');
    if ('then' in made) void made.then(listen);
    else listen(made);
    return {
      get s() {
        return socket!;
      },
      events,
    };
  };
  return { clock, storage, ws, http, open, loads: () => loads };
}

const frame = { type: 'ack', id: 'h', result: {} };

test('WebSocket first; while it works the fallback is never loaded', async () => {
  const t = setup();
  const { events } = t.open();
  assert.equal(t.ws.length, 1);
  t.ws[0].open();
  t.ws[0].receive(frame);
  t.clock.advance(STALL * 10);
  assert.deepEqual(events.map((e) => e.kind), ['open', 'message'], 'the wrapper passes everything through, and nothing stalls a socket that answered');
  t.ws[0].serverClose(1006);
  t.open();
  await flush();
  assert.equal(t.ws.length, 2, 'a drop after frames came is a network blip: WebSocket again');
  assert.equal(t.loads(), 0);
});

/** The fallback was just chosen: the selector probes WebSocket at once; `answer` says whether the probe gets through. */
async function firstProbe(t: ReturnType<typeof setup>, answer: 'refused' | 'through') {
  t.clock.advance(0);
  await flush();
  const probe = t.ws.at(-1)!;
  if (answer === 'refused') probe.serverClose(1006);
  else {
    probe.open();
    probe.receive({ type: 'error', id: 'probe', code: 'not_ready', message: 'Send hello first.' });
  }
  await flush();
  return probe;
}

test('an upgrade refused (closed without a frame) makes the next socket the fallback; once it works (and a probe is refused) the choice is remembered', async () => {
  const t = setup();
  t.open();
  t.ws[0].serverClose(1006);
  const second = t.open();
  await flush();
  assert.equal(t.http.length, 1, 'the fallback module was loaded and used');
  assert.equal(t.ws.length, 1);
  t.http[0].open();
  t.http[0].receive(frame);
  assert.deepEqual(second.events.map((e) => e.kind), ['open', 'message']);
  assert.equal(t.storage.getItem('k:transport'), String(t.clock.now), 'remembered with the time it was chosen');
  const probe = await firstProbe(t, 'refused');
  assert.equal(probe, t.ws[1], 'one probe at once: was it the network or a server restart?');
  assert.deepEqual(second.events.map((e) => e.kind), ['open', 'message'], 'a refused probe changes nothing');
  t.http[0].serverClose(1006);
  t.open();
  await flush();
  assert.deepEqual([t.ws.length, t.http.length], [2, 2], 'a reconnect stays on the fallback: no new wait for WebSocket');
  // A new page of the same session (same storage) starts on the fallback at once.
  const page = setup({ storage: t.storage, clock: t.clock });
  page.open();
  await flush();
  assert.deepEqual([page.ws.length, page.http.length], [0, 1]);
});

test('after a server restart the fallback may win the race; the probe at once finds WebSocket working and goes back to it', async () => {
  const t = setup();
  t.open();
  t.ws[0].serverClose(1006); // the server is down: WebSocket fails...
  const onHttp = t.open();
  await flush();
  t.http[0].open(); // ...and by the next try it is back, so the fallback gets through
  t.http[0].receive(frame);
  await firstProbe(t, 'through');
  assert.ok(t.http[0].closedByClient, 'the fallback socket closed itself');
  assert.equal(t.storage.getItem('k:transport'), null, 'nothing remembered');
  t.http[0].serverClose(1000);
  assert.equal(onHttp.events.at(-1)?.kind, 'close', 'the state machine hears the close and reconnects');
  t.open();
  assert.equal(t.ws.length, 3, 'on WebSocket');
});

test('a stalled WebSocket (upgrade taken, nothing forwarded) is given up after stallMs, at once, and the fallback is next', async () => {
  const t = setup();
  const first = t.open();
  t.ws[0].open(); // the proxy answered 101, then forwards nothing
  t.clock.advance(STALL - 1);
  assert.deepEqual(first.events.map((e) => e.kind), ['open']);
  t.clock.advance(1);
  assert.deepEqual(first.events.map((e) => e.kind), ['open', 'close']);
  assert.equal(first.events[1].code, 1006);
  assert.equal(first.s.readyState, 3);
  assert.ok(t.ws[0].closedByClient, 'the stalled socket itself was closed');
  t.open();
  await flush();
  assert.equal(t.http.length, 1);
});

test('when the fallback gets no frame either, the server is down: WebSocket is tried first again, and nothing is remembered', async () => {
  const t = setup();
  t.open();
  t.ws[0].serverClose(1006);
  t.open();
  await flush();
  t.http[0].serverClose(1006);
  t.open();
  await flush();
  assert.deepEqual([t.ws.length, t.http.length], [2, 1]);
  assert.equal(t.storage.getItem('k:transport'), null);
  t.ws[1].open();
  t.ws[1].receive(frame);
  t.open();
  assert.equal(t.ws.length, 3, 'WebSocket works again: it stays');
});

test('on the fallback, WebSocket is probed again every probeMs; when it answers, the fallback socket closes so the client reconnects on WebSocket', async () => {
  const t = setup();
  t.open();
  t.ws[0].serverClose(1006);
  const onHttp = t.open();
  await flush();
  t.http[0].open();
  t.http[0].receive(frame);
  await firstProbe(t, 'refused');
  t.clock.advance(PROBE - 1);
  await flush();
  assert.equal(t.ws.length, 2, 'no second probe before probeMs');
  t.clock.advance(1);
  await flush();
  assert.equal(t.ws.length, 3, 'a throwaway WebSocket probes');
  const probe = t.ws[2];
  probe.open();
  assert.deepEqual(probe.sent.map((f) => f.type), ['ping'], 'it asks something the server answers before any hello');
  t.clock.advance(STALL); // no answer: still blocked (stalled)
  await flush();
  assert.ok(probe.closedByClient);
  assert.deepEqual(onHttp.events.map((e) => e.kind), ['open', 'message'], 'a failed probe changes nothing');
  t.clock.advance(PROBE);
  await flush();
  await firstProbe(t, 'through');
  assert.ok(t.http[0].closedByClient, 'the fallback socket was closed');
  assert.equal(t.storage.getItem('k:transport'), null, 'the choice is forgotten');
  t.http[0].serverClose(1000); // what the real fallback socket reports after close()
  assert.deepEqual(onHttp.events.map((e) => e.kind), ['open', 'message', 'close']);
  t.open();
  assert.equal(t.ws.length, 5, 'the reconnect is on WebSocket');
});

test('a remembered fallback older than probeMs is not trusted: WebSocket is tried first', async () => {
  const clock = new ManualClock();
  const storage = memoryStorage();
  storage.setItem('k:transport', String(clock.now - PROBE - 1));
  const t = setup({ storage, clock });
  t.open();
  await flush();
  assert.deepEqual([t.ws.length, t.http.length], [1, 0]);
});

test('the realtime client over the selector: a refused WebSocket, then hello, resume and the outbox on the fallback, unchanged', async () => {
  const sockets: { kind: 'ws' | 'http'; s: FakeSocket }[] = [];
  const env = fakeEnv();
  env.createSocket = createTransportSelector({
    ws: (url) => {
      const s = new WsFake(url);
      sockets.push({ kind: 'ws', s });
      return s;
    },
    fallback: async () => ({
      fallbackSelector: (o, failed) =>
        fallbackSelector(o, failed, (u, hooks) => {
          const s = new HttpFake(u, hooks);
          sockets.push({ kind: 'http', s });
          return s;
        }),
    }),
    timers: { setTimeout: env.clock.setTimeout, clearTimeout: env.clock.clearTimeout, now: () => env.clock.now },
  });
  const client = createRealtimeClient(env, { backoffBaseMs: 100 });
  const states: string[] = [];
  client.onState((c) => states.push(c.state));
  client.start();
  client.send({ text: 'written before any connection' });
  sockets[0].s.serverClose(1006); // the proxy refused the upgrade
  env.clock.advance(100); // the backoff's first wait (at most the base)
  await flush();
  const http = sockets[1];
  assert.equal(http.kind, 'http');
  http.s.open();
  assert.deepEqual(http.s.last('hello').resume, { conversations: {} });
  http.s.ackHello();
  await flush();
  const send = http.s.last('message.send');
  assert.equal(send.text, 'written before any connection');
  assert.deepEqual(states, ['connecting', 'waiting', 'connecting', 'connected']);
  client.stop();
});

test('the first open holds only the WebSocket half: the fallback module is fetched when a WebSocket fails, and a failed fetch is tried again by the next failure', async () => {
  const clock = new ManualClock();
  const ws: WsFake[] = [];
  let attempts = 0;
  const create = createTransportSelector({
    ws: (url) => {
      const s = new WsFake(url);
      ws.push(s);
      return s;
    },
    fallback: () => (++attempts === 1 ? Promise.reject(new Error('chunk did not load')) : Promise.resolve({ fallbackSelector: () => (url) => new FakeSocket(url) })),
    timers: { setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now },
  });
  const first = create('ws://server/ws');
  assert.ok(!('then' in first), 'a WebSocket, at once');
  assert.equal(attempts, 0, 'nothing fetched while WebSocket may work');
  ws[0].serverClose(1006);
  assert.equal(attempts, 1, 'fetched as soon as it failed');
  const second = create('ws://server/ws');
  assert.ok('then' in second, 'the next socket waits for the module');
  await assert.rejects(second as Promise<unknown>, /chunk did not load/, 'the state machine sees a socket that could not be created');
  const third = create('ws://server/ws');
  assert.equal(third, ws[1], 'WebSocket again');
  ws[1].serverClose(1006);
  assert.equal(attempts, 2);
  const fourth = await create('ws://server/ws');
  assert.ok(fourth instanceof FakeSocket && !(fourth instanceof WsFake), 'the fallback, once its module is in');
});
