import type { ClientEnv, KeyValueStorage, SocketLike } from './api.ts';

/** A browser WebSocket, or anything that also takes listeners beside the handlers the state machine sets. */
export type WebSocketLike = SocketLike & { addEventListener(type: 'message' | 'close', fn: () => void): void };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface SelectorOptions {
  ws: (url: string) => WebSocketLike;
  fallback: () => Promise<FallbackModule>;
  timers: Timers;
  /** Where the choice is remembered for the session (`<key>:transport`), so the page's later loads skip the wait. */
  storage?: KeyValueStorage;
  key?: string;
  /** A WebSocket with no frame in this long is stalled (a proxy took the upgrade and forwards nothing). 4 s. */
  stallMs?: number;
  /** The fallback is kept this long, then WebSocket is probed again. 10 min. */
  probeMs?: number;
}

/** The selector's state, shared with the fallback module (client/http-socket.ts), which keeps its half. */
export interface SelectorState {
  o: SelectorOptions;
  /** When the fallback was chosen (and remembered); 0: never. */
  since: number;
  /** The last WebSocket closed or stalled without a frame: the next socket is the fallback. */
  failed: boolean;
}

/** The HTTP fallback transport, loaded only once a WebSocket has failed. */
export interface FallbackModule {
  httpSocket(url: string, state: SelectorState): SocketLike;
}

export const transportKey = (o: SelectorOptions) => `${o.key}:transport`;
export const probeMsOf = (o: SelectorOptions) => o.probeMs ?? 600_000;
export const stallMsOf = (o: SelectorOptions) => o.stallMs ?? 4000;

/**
 * Picks the transport of each new socket, as `ClientEnv.createSocket`: WebSocket first; after a
 * WebSocket closed or stalled without a single frame, the HTTP fallback, which keeps itself (and is
 * remembered) once a frame came through it; when it got none either, the server is simply down and
 * WebSocket is tried first again. On the fallback, WebSocket is probed (at once, then every `probeMs`) and used again
 * when it gets through. The state machine, outbox and resume never know which transport they are on.
 * Small on purpose (it is in the widget's first open): the fallback's half is in its lazy chunk.
 */
export function createTransportSelector(o: SelectorOptions): (url: string) => SocketLike {
  const { timers } = o;
  const state: SelectorState = { o, since: Number(o.storage?.getItem(transportKey(o))) || 0, failed: false };
  let loading: Promise<FallbackModule> | undefined;
  const load = () => (loading ??= o.fallback().catch((err) => ((loading = undefined), Promise.reject(err))));
  return (url) => {
    if (state.failed || timers.now() - state.since < probeMsOf(o)) return pending(load().then((m) => m.httpSocket(url, state)));
    const s = o.ws(url);
    // Settled once: by the first frame (WebSocket works), or by a close or stall before any.
    let settled = false;
    const settle = (works: boolean) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(stall);
      state.failed = !works;
      if (!works) load().catch(() => {});
    };
    const stall = timers.setTimeout(() => {
      if (settled || s.readyState > 1) return;
      settle(false);
      // Its own close would wait for a closing handshake that never comes: tell the state machine now.
      const told = s.onclose;
      s.close();
      told?.({ code: 1006, reason: 'stalled' });
    }, stallMsOf(o));
    s.addEventListener('message', () => settle(true));
    s.addEventListener('close', () => settle(false));
    return s;
  };
}

/**
 * `env` with the HTTP fallback (`() => import('../client/http-socket.ts')`, a chunk of its own, loaded only
 * when WebSocket fails) behind its `createSocket`, the choice remembered in `env.storage`. The widget and
 * the dashboard wrap their browserEnv() with it.
 */
export function withFallback(env: ClientEnv, fallback: () => Promise<FallbackModule>, opts: Pick<SelectorOptions, 'stallMs' | 'probeMs'> = {}): ClientEnv {
  const ws = env.createSocket as (url: string) => WebSocketLike;
  return { ...env, createSocket: createTransportSelector({ ws, fallback, timers: env, storage: env.storage, key: env.storageKey, ...opts }) };
}

/** The socket the state machine holds while the fallback chunk loads; then the real one's events pass through. */
function pending(real: Promise<SocketLike>): SocketLike {
  let inner: SocketLike | undefined;
  let closed = 0;
  const s = {
    get readyState() {
      return inner ? inner.readyState : closed;
    },
    send: (data: string) => inner!.send(data),
    close(code?: number, reason?: string) {
      closed = 3;
      inner?.close(code, reason);
    },
  } as SocketLike;
  real.then(
    (r) => {
      inner = r;
      if (closed) return r.close();
      const from = r as unknown as Record<string, (e: unknown) => void>;
      const to = s as unknown as Record<string, ((e: unknown) => void) | undefined>;
      for (const k of ['onopen', 'onmessage', 'onclose']) from[k] = (e) => to[k]?.(e);
    },
    () => s.onclose?.({ code: 1006, reason: '' }),
  );
  return s;
}
