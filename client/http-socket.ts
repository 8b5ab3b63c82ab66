import type { SocketLike } from './api.ts';
import { probeMsOf, stallMsOf, transportKey, watchWebSocket, type SelectorOptions, type Timers } from './transport-select.ts';

/** The selector's state once the fallback module is in (fallbackSelector); httpSocket keeps its half. */
export interface SelectorState {
  o: SelectorOptions;
  /** When the fallback was chosen (and remembered); 0: never. */
  since: number;
  /** The last WebSocket closed or stalled without a frame: the next socket is the fallback. */
  failed: boolean;
}

/** Told about a socket's first frame and its end (the selector's bookkeeping). */
export interface SocketHooks {
  seen(): void;
  ended(): void;
}

/** What the HTTP socket needs from the page (tests pass their own). */
export interface HttpSocketEnv {
  fetch: typeof fetch;
  setTimeout(fn: () => void, ms: number): unknown;
  /** Frames per POST (the server allows PARLEY_STREAM_MAX_FRAMES_PER_POST, 32). */
  maxFrames?: number;
  hooks?: SocketHooks;
}

/** POSTs of one batch before the stream counts as lost (each after a doubling pause from 250 ms). */
const POST_ATTEMPTS = 5;
/** Bytes of frames per POST beyond the first frame (the server allows PARLEY_STREAM_MAX_POST_BYTES, 1 MiB). */
const MAX_BATCH_BYTES = 256 * 1024;

/** The stream URL for a ws URL: ws(s)://host/ws?site=K -> http(s)://host/api/v1/realtime/stream?site=K. */
export function streamUrlOf(wsUrl: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = u.pathname.replace(/\/ws$/, '/api/v1/realtime/stream');
  return u.toString();
}

/**
 * The HTTP fallback as a SocketLike (docs/protocol.md, HTTP fallback), so the state machine, requests,
 * outbox and resume run on it unchanged: "open" at once; the first frame sent (the hello) opens the
 * event stream as its body; later frames go up in numbered POSTs, one at a time, each resent with the
 * same number until answered (the server applies a number once). The stream's `close` event carries
 * the close code a WebSocket would; a stream that just ends, or a POST that keeps failing, is 1006.
 */
export class HttpSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  private readonly abort = new AbortController();
  private id = '';
  private token = '';
  private queue: string[] = [];
  private batch = 0;
  private posting = false;
  private helloSent = false;
  private code = 1006;
  private reason = '';

  constructor(
    private readonly url: string,
    private readonly env: HttpSocketEnv,
  ) {
    env.setTimeout(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('socket not open');
    if (this.helloSent) {
      this.queue.push(data);
      return void this.flush();
    }
    this.helloSent = true;
    try {
      this.token = String(JSON.parse(data).token ?? '');
    } catch {
      // not a hello: the server answers it as any first frame
    }
    void this.read(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState > 1) return;
    this.end(code, reason);
  }

  private end(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.abort.abort();
    this.env.hooks?.ended();
    // A WebSocket tells about its close after close() returns; so does this.
    this.env.setTimeout(() => this.onclose?.({ code, reason }), 0);
  }

  private headers(): Record<string, string> {
    return this.token ? { 'content-type': 'application/json', authorization: `Bearer ${this.token}` } : { 'content-type': 'application/json' };
  }

  private async read(hello: string): Promise<void> {
    try {
      const res = await this.env.fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: hello, signal: this.abort.signal, cache: 'no-store' });
      // A refused stream is a refused upgrade: the client retries with backoff.
      if (res.status !== 200 || !res.body) return this.end(1006, `stream refused (${res.status})`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          this.event(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
      }
    } catch {
      // aborted by close(), or the network dropped the stream
    }
    this.end(this.code, this.reason);
  }

  private event(block: string): void {
    let name = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (this.readyState !== 1) return;
    if (name === 'message') {
      this.env.hooks?.seen();
      return this.onmessage?.({ data });
    }
    if (name === 'open') {
      this.id = JSON.parse(data).stream;
      return void this.flush();
    }
    if (name === 'ping') return void this.post({ pong: Number(data) }).catch(() => {});
    if (name === 'close') ({ code: this.code, reason: this.reason } = JSON.parse(data));
  }

  private post(body: object): Promise<Response> {
    return this.env.fetch(`${this.url.replace(/\?.*$/, '')}/${this.id}`, { method: 'POST', headers: this.headers(), body: JSON.stringify(body), cache: 'no-store' });
  }

  /** One batch at a time, so batches arrive in order whichever server each POST reaches. */
  private async flush(): Promise<void> {
    if (this.posting || !this.id || !this.queue.length) return;
    this.posting = true;
    let bytes = 0;
    let n = 0;
    const max = this.env.maxFrames ?? 16;
    while (n < this.queue.length && n < max && (n === 0 || bytes + this.queue[n].length <= MAX_BATCH_BYTES)) bytes += this.queue[n++].length;
    const body = { seq: ++this.batch, frames: this.queue.splice(0, n) };
    for (let attempt = 1; this.readyState === 1; attempt++) {
      const status = await this.post(body).then((r) => r.status, () => 0);
      if (status === 202) break;
      // A client error will not go away by sending again (the stream is gone, or not ours): resume elsewhere.
      if ((status >= 400 && status < 500 && status !== 429) || attempt === POST_ATTEMPTS) return this.end(1006, `POST failed (${status})`);
      await new Promise((r) => this.env.setTimeout(() => r(undefined), 250 * 2 ** (attempt - 1)));
    }
    this.posting = false;
    void this.flush();
  }
}

/** Throwaway WebSocket: open it, say `ping` (before hello the server answers `not_ready`), and see whether an answer comes back. */
export function probeWebSocket(ws: SocketLike, stallMs: number, timers: Timers): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      timers.clearTimeout(timer);
      ws.onopen = ws.onmessage = ws.onclose = null;
      try {
        ws.close(1000);
      } catch {
        // already closed
      }
      resolve(ok);
    };
    const timer = timers.setTimeout(() => done(false), stallMs);
    ws.onopen = () => ws.send('{"type":"ping","id":"probe"}');
    ws.onmessage = () => done(true);
    ws.onclose = () => done(false);
    ws.onerror = () => {};
  });
}

type MakeSocket = (url: string, hooks: SocketHooks) => SocketLike;

const realSocket: MakeSocket = (url, hooks) =>
  new HttpSocket(streamUrlOf(url), { fetch: globalThis.fetch.bind(globalThis), setTimeout: (fn, ms) => setTimeout(fn, ms), hooks });

/**
 * The transport selector once a WebSocket failed or the session remembers the fallback (the first
 * open's half, client/transport-select.ts, loads this module then and hands every later socket here):
 * the fallback while the last WebSocket failed or the remembered choice is younger than `probeMs`,
 * else a watched WebSocket.
 */
export function fallbackSelector(o: SelectorOptions, failed: boolean, make: MakeSocket = realSocket): (url: string) => SocketLike {
  const state: SelectorState = { o, since: Number(o.storage?.getItem(transportKey(o))) || 0, failed };
  return (url) =>
    state.failed || o.timers.now() - state.since < probeMsOf(o) ? httpSocket(url, state, make) : watchWebSocket(o, url, (works) => (state.failed = !works));
}

/**
 * The fallback socket as the selector (client/transport-select.ts) asks for it, with the selector's
 * bookkeeping that only matters on the fallback: once a frame came through it is the choice (remembered
 * in storage when it was chosen after a failed WebSocket); if it ends without one, WebSocket is next.
 * It probes WebSocket at once when just chosen, then every `probeMs` from when it was chosen; when a
 * probe gets through the choice is forgotten and the socket closes itself, so the client reconnects
 * (and resumes) on WebSocket.
 */
export function httpSocket(url: string, state: SelectorState, make: MakeSocket = realSocket): SocketLike {
  const { o } = state;
  const { timers } = o;
  const remember = (t: number) => {
    state.since = t;
    if (t) o.storage?.setItem(transportKey(o), String(t));
    else o.storage?.removeItem(transportKey(o));
  };
  let got = false;
  let probe: unknown;
  const schedule = (at: number) => {
    probe = timers.setTimeout(() => {
      void probeWebSocket(o.ws(url), stallMsOf(o), timers).then((ok) => {
        if (s.readyState > 1) return;
        if (!ok) return schedule(timers.now() + probeMsOf(o));
        remember(0);
        s.close(1000, 'websocket works again');
      });
    }, Math.max(0, at - timers.now()));
  };
  const s = make(url, {
    seen() {
      if (got) return;
      got = true;
      // Chosen just now, after a WebSocket failed: maybe the network blocks it, maybe the server was
      // just down (both transports fail during a restart, and whichever comes back first wins). A probe
      // at once tells which; on a network that blocks WebSocket it costs one refused or stalled try.
      const fresh = state.failed || !state.since;
      if (fresh) remember(timers.now());
      state.failed = false;
      schedule(fresh ? 0 : state.since + probeMsOf(o));
    },
    ended() {
      timers.clearTimeout(probe);
      if (!got) state.failed = false;
    },
  });
  return s;
}
