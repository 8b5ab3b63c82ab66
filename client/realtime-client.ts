import { DEFAULT_LIMITS, PROTOCOL_VERSION, isDurable, type AckResults, type HelloResult, type ServerEvent, type ServerFrame } from '../protocol/index.ts';
import type { ClientEnv, ClientError, ClientOptions, ConnectionState, OutboxItem, RealtimeClient } from './api.ts';
import { createBackoff } from './backoff.ts';
import { createEmitter } from './emitter.ts';
import { clientError, isFatalHelloError } from './errors.ts';
import { createOutbox } from './outbox.ts';
import { createOutboxSender, type OutboxChange } from './outbox-sender.ts';
import { resolveOptions } from './options.ts';
import { createRequests, type Answer, type Command } from './requests.ts';
import { createResumeTracker } from './resume.ts';
import { createHoles } from './holes.ts';
import { createConnection } from './state-machine.ts';
import { silenceLimit } from './watchdog.ts';

/**
 * The realtime client: a connection state machine plus the things that make a flaky network
 * invisible — hello with the resume point, events delivered once and in order, requests resent
 * or rejected on disconnect, and the persisted outbox sent after every resume.
 *
 * After each hello ack the server replays `resume.replayed` missed events; the client counts them
 * (and sends a ping as a barrier in case the count is off) before it sends queued requests and
 * the outbox, so the user's new messages land after what they missed. Durable events go through
 * the hole check (client/holes.ts): a later event or a heartbeat's high-water mark that shows one
 * makes it fetch the missing range (events.fetch) and hand everything over in order, once.
 */
export function createRealtimeClient(env: ClientEnv, options?: ClientOptions): RealtimeClient {
  const opts = resolveOptions(options);
  const randomId = env.randomId ?? (() => randomHex(env.random));
  let correlation = 0;
  const requests = createRequests(() => String(++correlation));
  const resume = createResumeTracker(env.storage, env.storageKey);
  const outbox = createOutbox(env.storage, env.storageKey);
  const events = createEmitter<ServerEvent>();
  const hellos = createEmitter<HelloResult>();
  const outboxChanges = createEmitter<OutboxChange>();
  const reloads = createEmitter<string[]>();
  const holes = createHoles({
    positions: resume,
    emit: events.emit,
    fetch(range, answer) {
      const transport = conn.transport;
      requests.sendNow({ type: 'events.fetch', ...range }, conn.send, (error, result) => {
        if (conn.transport === transport) answer(error ? undefined : (result as AckResults['events.fetch']).upTo);
      });
    },
    giveUp: (reason) => conn.drop(reason),
  });

  let token: string | undefined;
  /** True from the end of the resume replay until the socket goes down. */
  let ready = false;
  let replayLeft = 0;
  let probeTimer: unknown;
  let failure: ClientError = clientError('unauthorized', 'Not connected.');
  let unwake: (() => void) | undefined;
  let lastHello: HelloResult | undefined;

  const currentToken = () => {
    if (token !== undefined) return token;
    try {
      return env.token();
    } catch {
      return '';
    }
  };

  const conn = createConnection(env, opts, {
    opened() {
      const transport = conn.transport;
      const hello: Command = { type: 'hello', v: PROTOCOL_VERSION, token: currentToken(), resume: resume.point() };
      requests.sendNow(hello, conn.send, (error, result) => {
        if (conn.transport !== transport) return;
        if (!error) return helloAcked(result as HelloResult, transport);
        failure = error;
        if (isFatalHelloError(error.code)) conn.fail(error.code);
        else conn.drop(error.code);
      });
    },
    frame: receive,
    down(next, reason) {
      ready = false;
      replayLeft = 0;
      holes.down();
      clearProbe();
      sender.pause();
      requests.disconnected();
      if (next === 'idle') requests.rejectAll(clientError('stopped', 'The client was stopped.'));
      if (next === 'failed') {
        if (failure.code !== reason) failure = clientError(reason as ClientError['code'], `Connection refused (${reason}).`);
        requests.rejectAll(failure);
      }
    },
  });

  const sender = createOutboxSender({
    outbox,
    timers: env,
    backoff: createBackoff({ baseMs: opts.backoffBaseMs, capMs: opts.backoffCapMs, random: env.random }),
    changed: outboxChanges.emit,
    send: (item, answer) => {
      const cmd: Command = { type: 'message.send', clientId: item.clientId, text: item.text };
      if (item.conversationId) cmd.conversationId = item.conversationId;
      else if (item.newConversation) cmd.newConversation = true;
      if (item.attachmentIds?.length) cmd.attachmentIds = item.attachmentIds;
      if (item.note) cmd.note = true;
      requests.sendNow(cmd, conn.send, answer as Answer);
    },
  });

  function helloAcked(result: HelloResult, transport: number) {
    resume.hello(result);
    holes.hello(result);
    lastHello = result;
    replayLeft = result.resume?.replayed ?? 0;
    hellos.emit(result);
    if (conn.transport !== transport) return; // a listener stopped or restarted us
    conn.connected(silenceLimit(result.limits?.heartbeatMs ?? DEFAULT_LIMITS.heartbeatMs, opts.heartbeatMarginMs));
    const reload = result.resume?.reload ?? [];
    if (reload.length) reloads.emit(reload);
    if (conn.transport !== transport) return;
    if (replayLeft <= 0) return becomeReady();
    // Barrier: the server answers this ping after it has written the replay.
    requests.sendNow({ type: 'ping' }, conn.send, () => {
      if (conn.transport === transport) becomeReady();
    });
  }

  function becomeReady() {
    if (ready || conn.state !== 'connected') return;
    ready = true;
    replayLeft = 0;
    if (lastHello) holes.ready(lastHello);
    requests.flush(conn.send);
    sender.resume();
  }

  function receive(data: string) {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'ack' && typeof frame.id === 'string') requests.settle(frame.id, frame.result);
    else if (frame.type === 'error' && typeof frame.id === 'string') requests.settle(frame.id, undefined, { code: frame.code, message: frame.message });
    else if (frame.type === 'event' && frame.event && typeof frame.event === 'object') deliver(frame.event);
    else if (frame.type === 'heartbeat' && ready) holes.mark(frame);
  }

  function deliver(event: ServerEvent) {
    if (!isDurable(event)) return events.emit(event);
    holes.receive(event);
    if (replayLeft > 0 && --replayLeft === 0) becomeReady();
  }

  function clearProbe() {
    if (probeTimer !== undefined) env.clearTimeout(probeTimer);
    probeTimer = undefined;
  }

  /** Is this live socket really alive? (after sleep, `online`, or a reconnect click while connected) */
  function probe() {
    if (probeTimer !== undefined) return;
    const transport = conn.transport;
    probeTimer = env.setTimeout(() => {
      probeTimer = undefined;
      if (conn.transport === transport) conn.drop('probe timeout');
    }, opts.probeTimeoutMs);
    const answered = () => {
      if (conn.transport === transport) clearProbe();
    };
    requests.sendNow({ type: 'ping' }, conn.send, answered);
  }

  /** The browser says there is no network: the socket is dead even if it looks open. Retry as usual (and at once on `online`). */
  function wentOffline() {
    const state: ConnectionState = conn.state;
    if (state === 'connected' || state === 'connecting') conn.drop('browser offline');
  }

  function wake(explicit: boolean) {
    const state: ConnectionState = conn.state;
    if (state === 'connected') probe();
    else if (state === 'waiting' || (explicit && state === 'failed')) conn.connectNow(explicit ? 'reconnect' : 'wake');
  }

  return {
    get state() {
      return conn.state;
    },
    start() {
      if (!unwake && env.onWake) unwake = env.onWake((reason) => (reason === 'offline' ? wentOffline() : wake(false)));
      conn.start();
    },
    stop() {
      unwake?.();
      unwake = undefined;
      conn.stop();
    },
    reconnectNow: () => wake(true),
    setToken(next) {
      token = next;
      conn.restart('token');
    },
    request(cmd) {
      if (conn.state === 'failed') return Promise.reject(failure);
      const promise = requests.enqueue(cmd as Command);
      if (ready) requests.flush(conn.send);
      return promise as never;
    },
    send(msg) {
      const item: OutboxItem = { clientId: msg.clientId ?? randomId(), text: msg.text, createdAt: env.now(), status: 'pending' };
      if (msg.conversationId) item.conversationId = msg.conversationId;
      else if (msg.newConversation) item.newConversation = true;
      if (msg.attachmentIds?.length) item.attachmentIds = msg.attachmentIds;
      if (msg.note) item.note = true;
      outbox.add(item);
      sender.poke();
      return item;
    },
    outbox: () => outbox.list(),
    discard(clientId) {
      outbox.remove(clientId);
    },
    retry(clientId) {
      if (outbox.markPending(clientId)) sender.poke();
    },
    resumePoint: () => resume.point(),
    markSeen: holes.markSeen,
    onState: conn.onState,
    onEvent: events.on,
    onHello: hellos.on,
    onOutbox: outboxChanges.on,
    onReload: reloads.on,
  };
}

/** 128 random bits as hex, for when the environment has no randomId (crypto.randomUUID). */
function randomHex(random: () => number): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
