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

/** The HTTP fallback (client/http-socket.ts), loaded only once a WebSocket failed or a fallback is remembered. */
export interface FallbackModule {
  /** The selector from then on; `failed`: the last WebSocket failed, so the next socket is the fallback. */
  fallbackSelector(o: SelectorOptions, failed: boolean): (url: string) => SocketLike;
}

export const transportKey = (o: SelectorOptions) => `${o.key}:transport`;
export const probeMsOf = (o: SelectorOptions) => o.probeMs ?? 600_000;
export const stallMsOf = (o: SelectorOptions) => o.stallMs ?? 4000;

/**
 * Picks the transport of each new socket, as `ClientEnv.createSocket`: WebSocket first. This half is in
 * the widget's first open, so all it does is open WebSockets and watch them: once one closes or stalls
 * without a single frame (or at once, when this session chose the fallback less than `probeMs` ago) it
 * loads the fallback module, whose selector (client/http-socket.ts fallbackSelector) decides every
 * socket from then on: the fallback, kept (and remembered) once a frame came through it; WebSocket again
 * when the fallback got none either (the server was down) or a probe gets through. While the module
 * loads, the socket is a promise (the state machine waits for it). The state machine, outbox and resume
 * never know which transport they are on.
 */
export function createTransportSelector(o: SelectorOptions): (url: string) => SocketLike | Promise<SocketLike> {
  let failed = false;
  let loading: Promise<FallbackModule> | undefined;
  let chosen: ((url: string) => SocketLike) | undefined;
  // A failed load (network) is tried again by the next failed WebSocket.
  const load = () => (loading ??= o.fallback().catch((err) => ((loading = undefined), Promise.reject(err))));
  if (Number(o.storage?.getItem(transportKey(o))) > o.timers.now() - probeMsOf(o)) load().catch(noop);
  return (url) =>
    chosen
      ? chosen(url)
      : loading
        ? loading.then((m) => (chosen ??= m.fallbackSelector(o, failed))(url))
        : watchWebSocket(o, url, (works) => (failed = !works) && void load().catch(noop));
}

const noop = () => {};

/**
 * A new WebSocket, settled once: by its first frame (`settled(true)`: WebSocket works), or by a close or
 * a stall (no frame in `stallMs`) before any (`settled(false)`).
 */
export function watchWebSocket(o: SelectorOptions, url: string, settled: (works: boolean) => void): SocketLike {
  const { timers } = o;
  const s = o.ws(url);
  let done = false;
  const settle = (works: boolean) => {
    if (done) return;
    done = true;
    timers.clearTimeout(stall);
    settled(works);
  };
  const stall = timers.setTimeout(() => {
    if (done || s.readyState > 1) return;
    settle(false);
    // Its own close would wait for a closing handshake that never comes: tell the state machine now.
    const told = s.onclose;
    s.close();
    told?.({ code: 1006, reason: 'stalled' });
  }, stallMsOf(o));
  s.addEventListener('message', () => settle(true));
  s.addEventListener('close', () => settle(false));
  return s;
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
