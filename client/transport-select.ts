import type { KeyValueStorage, SocketLike } from './api.ts';

/** The HTTP fallback transport (client/http-socket.ts), loaded only once a WebSocket has failed. */
export interface FallbackModule {
  /** A socket over a stream and POSTs, for the same ws URL. */
  httpSocket(url: string): SocketLike;
  /** Opens a WebSocket, resolves true once a frame came back through it (then closes it). */
  probeWebSocket(ws: SocketLike, stallMs: number, timers: SelectorOptions['timers']): Promise<boolean>;
}

export interface SelectorOptions {
  ws: (url: string) => SocketLike;
  fallback: () => Promise<FallbackModule>;
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void; now(): number };
  /** Where the choice is remembered for the session (the page's later loads skip the wait). */
  storage?: KeyValueStorage;
  key?: string;
  /** A WebSocket with no frame in this long is stalled (a proxy that took the upgrade and forwards nothing). 4 s. */
  stallMs?: number;
  /** On the fallback, WebSocket is tried again after this long. 10 min. */
  probeMs?: number;
}

/**
 * Picks the transport for each new socket, as `ClientEnv.createSocket`: WebSocket first; after a
 * WebSocket closed or stalled without a single frame, the HTTP fallback. The fallback is kept (and
 * remembered in storage) once a frame came through it; if it got none either, the server is simply
 * down and WebSocket is tried again next. Every `probeMs` on the fallback a throwaway WebSocket checks
 * whether the network lets WebSocket through again; if so the fallback socket is closed and the client
 * reconnects (and resumes) on WebSocket. The state machine, outbox and resume never know which it is.
 */
export function createTransportSelector(o: SelectorOptions): (url: string) => SocketLike {
  const { timers } = o;
  const stallMs = o.stallMs ?? 4000;
  const probeMs = o.probeMs ?? 600_000;
  const key = `${o.key}:transport`;
  let since = 0; // when the fallback was chosen (0: WebSocket)
  try {
    since = Number(o.storage?.getItem(key)) || 0;
  } catch {
    // storage may throw: the choice then lasts this page only
  }
  let wsFailed = false;
  let loading: Promise<FallbackModule> | undefined;
  const load = () => (loading ??= o.fallback());
  const remember = (t: number) => {
    since = t;
    try {
      if (t) o.storage?.setItem(key, String(t));
      else o.storage?.removeItem(key);
    } catch {
      // as above
    }
  };

  return (url) => {
    const http = wsFailed || (since > 0 && timers.now() - since < probeMs);
    let got = false;
    let probe: unknown;
    const outer = wrap(http ? load().then((m) => m.httpSocket(url)) : o.ws(url), () => {
      if (got) return;
      got = true;
      timers.clearTimeout(stall);
      if (!http) {
        wsFailed = false;
        return remember(0);
      }
      if (wsFailed || !since) remember(timers.now());
      wsFailed = false;
      const check = (at: number) => {
        probe = timers.setTimeout(() => {
          const again = () => outer.readyState < 2 && check(timers.now() + probeMs);
          load()
            .then((m) => m.probeWebSocket(o.ws(url), stallMs, timers))
            .then((ok) => {
              if (!ok) return again();
              if (outer.readyState > 1) return;
              remember(0);
              outer.close(1000, 'websocket works again');
            }, again);
        }, Math.max(0, at - timers.now()));
      };
      check(since + probeMs);
    }, () => {
      timers.clearTimeout(stall);
      timers.clearTimeout(probe);
      if (got) return;
      // Nothing ever came: a refused or broken upgrade means the fallback next; a fallback that got
      // nothing either means the server is down, and WebSocket is tried first again.
      wsFailed = !http;
      if (wsFailed) void load().catch(() => (loading = undefined));
    });
    const stall = http ? undefined : timers.setTimeout(() => outer.readyState < 2 && outer.fail('no frame through the WebSocket'), stallMs);
    return outer;
  };
}

type Wrapped = SocketLike & { fail(reason: string): void };

/**
 * The socket the state machine holds, around the real one (or one still loading): it tells the
 * selector about the first frame (`seen`) and the end (`lost`), and can fail a stalled socket at once
 * (a stalled WebSocket's own close would wait for a closing handshake that never comes).
 */
function wrap(real: SocketLike | Promise<SocketLike>, seen: () => void, lost: () => void): Wrapped {
  let inner: SocketLike | undefined;
  let state = 0;
  let ended = false;
  const end = (ev: { code: number; reason: string }) => {
    if (ended) return;
    ended = true;
    state = 3;
    lost();
    outer.onclose?.(ev);
  };
  const outer: Wrapped = {
    get readyState() {
      return inner && state < 2 ? inner.readyState : state;
    },
    send: (data) => inner!.send(data),
    close(code, reason) {
      if (state < 2) state = 2;
      if (inner) inner.close(code, reason);
      else end({ code: code ?? 1000, reason: reason ?? '' });
    },
    fail(reason) {
      outer.close(1000, reason);
      end({ code: 1006, reason });
    },
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
  const attach = (s: SocketLike) => {
    inner = s;
    if (state > 1) return s.close(1000);
    s.onopen = (e) => outer.onopen?.(e);
    s.onmessage = (e) => {
      seen();
      outer.onmessage?.(e);
    };
    s.onclose = end;
    s.onerror = (e) => outer.onerror?.(e);
  };
  if ('then' in real) real.then(attach, () => end({ code: 1006, reason: 'the fallback transport did not load' }));
  else attach(real);
  return outer;
}
