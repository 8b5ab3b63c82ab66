import { FatalCloseCodes, type ErrorCode } from '../protocol/index.ts';
import type { ClientEnv, ConnectionState, SocketLike, StateChange } from './api.ts';
import { createBackoff } from './backoff.ts';
import { createEmitter } from './emitter.ts';
import type { ResolvedOptions } from './options.ts';
import { createWatchdog } from './watchdog.ts';

/** What the layer above (realtime-client) does at each step of a socket's life. */
export interface ConnectionHooks {
  /** The current socket opened: send hello. */
  opened(): void;
  /** A text frame arrived on the current socket. */
  frame(data: string): void;
  /** The current socket is gone (every teardown comes here once), and the state we go to next. */
  down(next: ConnectionState, reason: string): void;
}

/** Legal moves. Anything else is a bug in the caller and is ignored rather than corrupting state. */
const NEXT: Record<ConnectionState, readonly ConnectionState[]> = {
  idle: ['connecting'],
  connecting: ['connected', 'waiting', 'failed', 'idle'],
  connected: ['connecting', 'waiting', 'failed', 'idle'],
  waiting: ['connecting', 'failed', 'idle'],
  failed: ['connecting', 'idle'],
};

/** Fatal close codes as the error code the app branches on (e.g. fetch a new token). */
const FATAL_REASON: Record<number, ErrorCode> = { 4001: 'unauthorized', 4003: 'forbidden', 4005: 'protocol_version', 4011: 'unauthorized' };

const noop = () => {};

/**
 * The connection state machine. Every state change goes through setState (one StateChange each)
 * and every teardown through disconnect(). Each socket gets a transport id; callbacks of an older
 * socket (a close or message that arrives after we already moved on) compare ids and do nothing.
 */
export function createConnection(env: ClientEnv, opts: ResolvedOptions, hooks: ConnectionHooks) {
  let state: ConnectionState = 'idle';
  let transport = 0;
  let socket: SocketLike | null = null;
  let retryTimer: unknown;
  let stableTimer: unknown;
  const changes = createEmitter<StateChange>();
  const backoff = createBackoff({ baseMs: opts.backoffBaseMs, capMs: opts.backoffCapMs, random: env.random });
  const watchdog = createWatchdog(env, () => disconnect('waiting', 'heartbeat timeout'));

  function setState(next: ConnectionState, reason?: string, retryAt?: number): void {
    if (next === state || !NEXT[state].includes(next)) return;
    const change: StateChange = { state: next, previous: state };
    if (reason !== undefined) change.reason = reason;
    if (retryAt !== undefined) change.retryAt = retryAt;
    state = next;
    changes.emit(change);
  }

  const clearTimer = (handle: unknown) => {
    if (handle !== undefined) env.clearTimeout(handle);
  };

  function connect(reason: string): void {
    clearTimer(retryTimer);
    retryTimer = undefined;
    const id = ++transport;
    setState('connecting', reason);
    // Covers socket open + hello ack; the hello ack re-arms it with the heartbeat limit.
    watchdog.arm(opts.connectTimeoutMs);
    let made: SocketLike | Promise<SocketLike>;
    try {
      made = env.createSocket(env.url);
    } catch {
      disconnect('waiting', 'socket could not be created');
      return;
    }
    // A transport whose code is still loading (client/transport-select.ts) gives its socket a moment
    // later; one that comes after this attempt ended is closed unused.
    if ('then' in made) {
      made.then(
        (sock) => (id === transport ? attach(sock, id) : sock.close(1000)),
        () => id === transport && disconnect('waiting', 'socket could not be created'),
      );
      return;
    }
    attach(made, id);
  }

  function attach(sock: SocketLike, id: number): void {
    socket = sock;
    sock.onopen = () => {
      if (id === transport) hooks.opened();
    };
    sock.onmessage = (ev) => {
      if (id !== transport) return;
      watchdog.feed();
      hooks.frame(typeof ev.data === 'string' ? ev.data : String(ev.data));
    };
    sock.onclose = (ev) => {
      if (id !== transport) return;
      const fatal = FatalCloseCodes.has(ev.code);
      disconnect(fatal ? 'failed' : 'waiting', fatal ? (FATAL_REASON[ev.code] ?? 'unauthorized') : `close ${ev.code}${ev.reason ? `: ${ev.reason}` : ''}`);
    };
    // A close always follows an error; keep a listener so ws (Node) never sees an unhandled 'error'.
    sock.onerror = noop;
  }

  /** The one teardown path: old socket detached and closed, timers cleared, hooks told, next state. */
  function disconnect(next: 'waiting' | 'failed' | 'idle' | 'connecting', reason: string): void {
    const sock = socket;
    socket = null;
    transport++;
    watchdog.stop();
    clearTimer(retryTimer);
    clearTimer(stableTimer);
    retryTimer = stableTimer = undefined;
    if (sock) {
      sock.onopen = sock.onmessage = sock.onclose = null;
      sock.onerror = noop;
      try {
        sock.close(1000);
      } catch {
        // Already closed or never opened: nothing to do.
      }
    }
    hooks.down(next, reason);
    if (next === 'connecting') return connect(reason);
    if (next === 'waiting') {
      const delay = backoff.next();
      retryTimer = env.setTimeout(() => {
        retryTimer = undefined;
        connect('retry');
      }, delay);
      return setState('waiting', reason, env.now() + delay);
    }
    setState(next, reason);
  }

  return {
    get state() {
      return state;
    },
    /** Changes with every socket; compare to ignore answers that belong to an older one. */
    get transport() {
      return transport;
    },
    onState: changes.on,
    start() {
      if (state === 'idle' || state === 'failed') connect('start');
    },
    stop() {
      if (state !== 'idle') disconnect('idle', 'stopped');
    },
    /** Skip the backoff wait (also leaves 'failed' when the user asks explicitly). */
    connectNow(reason: string) {
      if (state === 'waiting' || state === 'failed') connect(reason);
    },
    /** New socket now (new token): from any state but idle. */
    restart(reason: string) {
      if (state !== 'idle') disconnect('connecting', reason);
    },
    /** Hello acked: live. The watchdog now expects a frame at least every `silenceMs`. */
    connected(silenceMs: number) {
      watchdog.arm(silenceMs);
      setState('connected');
      clearTimer(stableTimer);
      stableTimer = env.setTimeout(() => {
        stableTimer = undefined;
        backoff.reset();
      }, opts.stableAfterMs);
    },
    /** Drop this socket and retry with backoff. */
    drop(reason: string) {
      if (state === 'connecting' || state === 'connected') disconnect('waiting', reason);
    },
    /** Give up until start() or a new token. */
    fail(reason: string) {
      if (state !== 'idle') disconnect('failed', reason);
    },
    send(frame: object): boolean {
      if (!socket || socket.readyState !== 1) return false;
      try {
        socket.send(JSON.stringify(frame));
        return true;
      } catch {
        return false;
      }
    },
    /** For tests and diagnostics: the current backoff attempt count. */
    get attempt() {
      return backoff.attempt;
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;
