import { EventEmitter } from 'node:events';
import { PROTOCOL_VERSION, Routes, type HelloResult, type ResumePoint, type ServerEvent, type ServerFrame } from '../../../protocol/index.ts';
import { DEFAULT_WAIT_MS, type TestServer } from '../test-helpers.ts';

/**
 * A test client of the HTTP fallback, the way a browser uses it: fetch opens the stream with the hello
 * as its body and reads the Server-Sent Events as they come; numbered POSTs carry the frames up.
 */
export interface StreamTestClient {
  /** The stream id from the `open` event. */
  id: string;
  frames: ServerFrame[];
  /** The named transport events (`ping` numbers as text, `close` JSON). */
  transport: { event: string; data: string }[];
  events<K extends ServerEvent['kind']>(kind?: K): Extract<ServerEvent, { kind: K }>[];
  /** POSTs frames (objects -> JSON, strings as is) as the next batch; answers with the HTTP status and body. */
  post(frames: unknown[], opts?: { seq?: number; token?: string }): Promise<{ status: number; body: any }>;
  /** POSTs any body to the stream. */
  postRaw(body: unknown, opts?: { token?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  request(type: string, fields?: Record<string, unknown>): Promise<Extract<ServerFrame, { type: 'ack' | 'error' }>>;
  call<T = any>(type: string, fields?: Record<string, unknown>): Promise<T>;
  waitFor(pred: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  waitForEvents(pred: (events: ServerEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the stream's close code (from its `close` event; 1006 when it just ended). */
  closed: Promise<number>;
  close(): Promise<void>;
}

export interface OpenStreamOptions {
  site?: string;
  origin?: string;
  /** Bearer token for the POSTs (default: the hello's token). */
  token?: string;
  headers?: Record<string, string>;
  /** Where the POSTs go (another process of a cluster, or a different one each time): default the stream's server. */
  postTo?: () => string;
}

export type OpenResult = { ok: true; client: StreamTestClient } | { ok: false; status: number; body: any };

/** Opens a stream with `hello` (an object, or raw text) as its body. */
export async function openStream(ts: TestServer, hello: unknown, opts: OpenStreamOptions = {}): Promise<OpenResult> {
  const base = ts.server.url;
  const query = opts.site ? `?site=${encodeURIComponent(opts.site)}` : '';
  const abort = new AbortController();
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.origin ? { origin: opts.origin } : {}), ...opts.headers };
  const res = await fetch(`${base}${Routes.realtimeStream}${query}`, { method: 'POST', headers, body: typeof hello === 'string' ? hello : JSON.stringify(hello), signal: abort.signal });
  if (res.status !== 200) return { ok: false, status: res.status, body: await res.json().catch(() => null) };
  const token = opts.token ?? (typeof hello === 'object' && hello ? (hello as { token?: string }).token : undefined);
  const frames: ServerFrame[] = [];
  const transport: { event: string; data: string }[] = [];
  const listeners = new Set<() => void>();
  let ended = false;
  let closeCode = 1006;
  let resolveId!: (id: string) => void;
  const idKnown = new Promise<string>((r) => (resolveId = r));
  const closed = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (event === 'message') frames.push(JSON.parse(data));
          else transport.push({ event, data });
          if (event === 'open') resolveId(JSON.parse(data).stream);
          if (event === 'close') closeCode = JSON.parse(data).code;
          for (const l of [...listeners]) l();
        }
      }
    } catch {
      // aborted by close(), or the server cut the stream
    }
    ended = true;
    for (const l of [...listeners]) l();
    return closeCode;
  })();
  const id = await idKnown;
  let seq = 0;
  let nextId = 0;

  function waitFor(pred: (f: ServerFrame) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < frames.length; seen++) {
          if (pred(frames[seen])) {
            cleanup();
            return resolve(frames[seen]);
          }
        }
        if (ended) {
          cleanup();
          reject(new Error(`stream ended while waiting (frames: ${JSON.stringify(frames.slice(-5))})`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for a frame; last frames: ${JSON.stringify(frames.slice(-5))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  }

  const postRaw: StreamTestClient['postRaw'] = async (body, o = {}) => {
    const auth = o.token ?? token;
    const r = await fetch(`${opts.postTo?.() ?? base}${Routes.realtimeStreamPost.replace(':id', id)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(opts.origin ? { origin: opts.origin } : {}), ...o.headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  const events = () => frames.filter((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event').map((f) => f.event);
  const client: StreamTestClient = {
    id,
    frames,
    transport,
    events: ((kind?: string) => events().filter((e) => !kind || e.kind === kind)) as StreamTestClient['events'],
    post: (list, o = {}) => postRaw({ seq: o.seq ?? ++seq, frames: list.map((f) => (typeof f === 'string' ? f : JSON.stringify(f))) }, o),
    postRaw,
    async request(type, fields = {}) {
      const cid = `s${++nextId}`;
      const posted = await client.post([{ type, id: cid, ...fields }]);
      if (posted.status !== 202) throw new Error(`POST answered ${posted.status}: ${JSON.stringify(posted.body)}`);
      return waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === cid) as Promise<Extract<ServerFrame, { type: 'ack' | 'error' }>>;
    },
    async call(type, fields) {
      const f = await client.request(type, fields);
      if (f.type === 'error') throw new Error(`${type} failed: ${f.code}: ${f.message}`);
      return f.result as any;
    },
    waitFor,
    async waitForEvents(pred, timeoutMs = DEFAULT_WAIT_MS) {
      await waitFor(() => pred(events()), timeoutMs).catch((err) => {
        throw new Error(`${err.message}; events: ${JSON.stringify(events().slice(-5))}`);
      });
    },
    closed,
    async close() {
      abort.abort();
      await closed;
    },
  };
  return { ok: true, client };
}

/** Opens a stream with a hello that must be acked; resolves with the client and the hello result. */
export async function streamClient(ts: TestServer, token: string, opts: OpenStreamOptions & { resume?: ResumePoint } = {}): Promise<StreamTestClient & { helloResult: HelloResult }> {
  const opened = await openStream(ts, { type: 'hello', id: 'h', v: PROTOCOL_VERSION, token, ...(opts.resume ? { resume: opts.resume } : {}) }, opts);
  if (!opened.ok) throw new Error(`stream refused: ${opened.status} ${JSON.stringify(opened.body)}`);
  const ack = await opened.client.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === 'h');
  if (ack.type !== 'ack') throw new Error(`hello refused: ${JSON.stringify(ack)}`);
  return Object.assign(opened.client, { helloResult: ack.result as HelloResult });
}

/** Just enough of a ServerResponse for a StreamSocket in unit tests: what it writes, nothing sent anywhere. */
export function fakeResponse() {
  const res = new EventEmitter() as EventEmitter & { written: string[]; writableLength: number; ended: boolean; write(s: string): boolean; end(): void; destroy(): void };
  res.written = [];
  res.writableLength = 0;
  res.ended = false;
  res.write = (s) => (res.written.push(s), true);
  res.end = () => {
    res.ended = true;
    res.emit('close');
  };
  res.destroy = () => res.emit('close');
  return res;
}
