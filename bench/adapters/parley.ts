import WebSocket from 'ws';
import { PROTOCOL_VERSION, type HelloResult, type ServerFrame } from '../../protocol/index.ts';
import { postJson } from './http.ts';
import { countError, type Adapter, type ClientOptions, type StaffClient, type TargetInfo, type TextHandler, type VisitorClient } from './types.ts';

/*
 * Parley adapter: the v1 wire protocol (protocol/frames.ts) over `ws`, the way the widget and the
 * dashboard speak it: REST for a token, then /ws with an Origin header, hello (with a resume point
 * on reconnect), message.send with a client id, events pushed by the server.
 */

/** One socket: hello, correlation of acks, and the durable-event bookkeeping needed to resume. */
class Session {
  ws!: WebSocket;
  private nextId = 0;
  private pending = new Map<string, { resolve(r: unknown): void; reject(e: Error): void }>();
  /** Highest seq held per conversation: the resume point. */
  readonly lastSeq: Record<string, number> = {};
  private replay: { left: number; done(): void } | null = null;
  private onHelloAck: ((r: HelloResult) => void) | null = null;

  constructor(
    private url: string,
    private origin: string,
    private token: string,
    private opts: ClientOptions,
    private onText: TextHandler,
    readonly errors: Map<string, number>,
  ) {}

  /** Connects and says hello; resolves after the ack and every replayed event arrived. */
  open(resume: boolean): Promise<{ replayed: number }> {
    this.replay = null;
    this.ws = new WebSocket(this.url, { origin: this.origin, localAddress: this.opts.localAddress, perMessageDeflate: false });
    this.ws.on('message', (raw) => this.onFrame(JSON.parse(raw.toString()) as ServerFrame));
    this.ws.on('error', () => countError(this.errors, 'socket_error'));
    this.ws.on('close', (code) => {
      if (code !== 1000 && code !== 1005) countError(this.errors, `close_${code}`);
      for (const p of this.pending.values()) p.reject(new Error('socket closed'));
      this.pending.clear();
    });
    return new Promise((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.once('open', () => {
        const hello = { type: 'hello', v: PROTOCOL_VERSION, token: this.token, ...(resume ? { resume: { conversations: { ...this.lastSeq } } } : {}) };
        // The replayed events follow the ack in the same read, before any promise callback could
        // run, so the replay counter is armed synchronously when the ack frame is handled.
        this.onHelloAck = (r) => {
          const replayed = r.resume?.replayed ?? 0;
          if (replayed === 0) resolve({ replayed });
          else this.replay = { left: replayed, done: () => resolve({ replayed }) };
        };
        this.request<HelloResult>(hello).catch(reject);
      });
    });
  }

  request<T>(cmd: Record<string, unknown>): Promise<T> {
    const id = `c${++this.nextId}`;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.ws.send(JSON.stringify({ ...cmd, id }));
    });
  }

  /** Fire and forget: the ack is only checked for errors. */
  send(cmd: Record<string, unknown>): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...cmd, id: `f${++this.nextId}` }));
  }

  private onFrame(f: ServerFrame) {
    if (f.type === 'event') {
      const e = f.event;
      if ('seq' in e && typeof e.seq === 'number') {
        if (e.seq > (this.lastSeq[e.conversationId] ?? 0)) this.lastSeq[e.conversationId] = e.seq;
        if (this.replay && --this.replay.left === 0) {
          this.replay.done();
          this.replay = null;
        }
      }
      if (e.kind === 'message.created') this.onText(e.message.text);
    } else if (f.type === 'ack') {
      const p = this.pending.get(f.id);
      if (p) {
        this.pending.delete(f.id);
        if (this.onHelloAck) {
          this.onHelloAck(f.result as HelloResult);
          this.onHelloAck = null;
        }
        p.resolve(f.result);
      }
    } else if (f.type === 'error') {
      countError(this.errors, f.code);
      const p = f.id ? this.pending.get(f.id) : undefined;
      if (p && f.id) {
        this.pending.delete(f.id);
        p.reject(new Error(`${f.code}: ${f.message}`));
      }
    }
  }
}

/** Client ids are unique per process, across adapters and reconnects (a reused one is deduplicated). */
const clientRun = `${process.pid}-${Date.now().toString(36)}`;
let clientSeq = 0;
const clientId = () => `${clientRun}-${++clientSeq}`;

export function parleyAdapter(t: TargetInfo): Adapter {
  const bases = t.baseUrls ?? [t.baseUrl];
  const wsBase = (i: number) => bases[i % bases.length].replace(/^http/, 'ws');
  const visitorToken = async () =>
    (await postJson<{ visitorToken: string }>(`${t.baseUrl}/api/v1/visitor/session`, { siteKey: t.siteKey }, t.siteOrigin)).visitorToken;
  return {
    visitorToken,
    async visitor(index, opts, onText, given): Promise<VisitorClient> {
      const token = given ?? (await visitorToken());
      const s = new Session(`${wsBase(index)}/ws?site=${encodeURIComponent(t.siteKey!)}`, t.siteOrigin!, token, opts, onText, new Map());
      await s.open(false);
      let address = '';
      return {
        get address() { return address; },
        errors: s.errors,
        async openConversation(firstText) {
          const r = await s.request<{ conversationId: string; seq: number }>({ type: 'message.send', clientId: clientId(), text: firstText });
          address = r.conversationId;
          if (r.seq > (s.lastSeq[address] ?? 0)) s.lastSeq[address] = r.seq;
          return address;
        },
        // Named once known, as the widget does (widget/controller.ts): the server pipelines such sends.
        send: (text) => s.send({ type: 'message.send', ...(address ? { conversationId: address } : {}), clientId: clientId(), text }),
        drop: () => s.ws.terminate(),
        reconnect: () => s.open(true),
        close: () => s.ws.close(),
      };
    },
    async staff(index, opts, onText): Promise<StaffClient> {
      const cred = t.staff![index % t.staff!.length];
      // Without an Origin, as a non-browser client: a browser login gets the session as a cookie only, no token.
      const { token } = await postJson<{ token: string }>(`${t.baseUrl}/api/v1/staff/login`, cred);
      const s = new Session(`${wsBase(index)}/ws`, bases[index % bases.length], token, opts, onText, new Map());
      await s.open(false);
      return {
        errors: s.errors,
        send: (address, text) => s.send({ type: 'message.send', conversationId: address, clientId: clientId(), text }),
        isOpen: () => s.ws.readyState === WebSocket.OPEN,
        close: () => s.ws.close(),
      };
    },
  };
}
