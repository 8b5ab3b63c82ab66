import type { ClientCommand, HelloResult, ServerFrame } from '../../protocol/index.ts';
import { DEFAULT_LIMITS } from '../../protocol/index.ts';
import type { ClientEnv, KeyValueStorage, SocketLike, WakeReason } from '../api.ts';
import { memoryStorage } from '../storage.ts';

/**
 * Test doubles for the client core's environment: a manual clock with a timer queue, a scripted
 * socket, and a deterministic random. Unit tests of timing logic drive these instead of waiting.
 */
export class ManualClock {
  now = 1_000_000;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void; order: number }>();

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.now + Math.max(0, ms), fn, order: id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  /** Move time forward, running every timer that falls due, in due order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void; order: number }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].order < next[1].order))) next = entry;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
  }
  /** Delays of the pending timers, soonest first. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }
}

type Handlers = Pick<SocketLike, 'onopen' | 'onmessage' | 'onclose' | 'onerror'>;

export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: ClientCommand[] = [];
  closedByClient?: { code?: number; reason?: string };
  /** Handlers as first attached, kept even after the client nulls them: to fire "late" callbacks. */
  captured: Partial<Handlers> = {};
  private h: Handlers = { onopen: null, onmessage: null, onclose: null, onerror: null };

  constructor(readonly url: string) {}

  get onopen() { return this.h.onopen; }
  set onopen(f) { this.h.onopen = f; if (f) this.captured.onopen ??= f; }
  get onmessage() { return this.h.onmessage; }
  set onmessage(f) { this.h.onmessage = f; if (f) this.captured.onmessage ??= f; }
  get onclose() { return this.h.onclose; }
  set onclose(f) { this.h.onclose = f; if (f) this.captured.onclose ??= f; }
  get onerror() { return this.h.onerror; }
  set onerror(f) { this.h.onerror = f; }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('socket not open');
    this.sent.push(JSON.parse(data) as ClientCommand);
  }
  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  // Server side of the script.
  open(): void {
    this.readyState = 1;
    this.h.onopen?.({});
  }
  receive(frame: ServerFrame | Record<string, unknown>): void {
    this.h.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.h.onclose?.({ code, reason });
  }
  /** The last frame the client sent of a type. */
  last<T extends ClientCommand['type']>(type: T): Extract<ClientCommand, { type: T }> {
    const found = [...this.sent].reverse().find((f) => f.type === type);
    if (!found) throw new Error(`no ${type} frame sent; sent: ${this.sent.map((f) => f.type).join(',')}`);
    return found as Extract<ClientCommand, { type: T }>;
  }
  ofType<T extends ClientCommand['type']>(type: T): Extract<ClientCommand, { type: T }>[] {
    return this.sent.filter((f) => f.type === type) as Extract<ClientCommand, { type: T }>[];
  }
  ackHello(patch: Partial<HelloResult> = {}): void {
    this.receive({ type: 'ack', id: this.last('hello').id, result: helloResult(patch) });
  }
  /** Open, then answer hello. */
  handshake(patch: Partial<HelloResult> = {}): void {
    this.open();
    this.ackHello(patch);
  }
}

export function helloResult(patch: Partial<HelloResult> = {}): HelloResult {
  return {
    v: 1,
    connectionId: 'conn',
    role: 'visitor',
    site: { key: 'site', name: 'Site', settings: {} },
    limits: { ...DEFAULT_LIMITS, heartbeatMs: 10_000 },
    resume: { reload: [], replayed: 0 },
    ...patch,
  };
}

/** Deterministic random in [0, 1) (mulberry32). */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeEnv extends ClientEnv {
  clock: ManualClock;
  sockets: FakeSocket[];
  /** The newest socket. */
  socket(): FakeSocket;
  wake(reason?: WakeReason): void;
}

export function fakeEnv(over: Partial<ClientEnv> & { storage?: KeyValueStorage } = {}): FakeEnv {
  const clock = new ManualClock();
  const sockets: FakeSocket[] = [];
  const wakers = new Set<(reason: WakeReason) => void>();
  let ids = 0;
  return {
    url: 'ws://test/ws',
    token: () => 'tok',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    now: () => clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    random: seededRandom(),
    storage: memoryStorage(),
    storageKey: 'test',
    randomId: () => `cid-${++ids}`,
    onWake: (fn) => {
      wakers.add(fn);
      return () => wakers.delete(fn);
    },
    ...over,
    clock,
    sockets,
    socket: () => {
      const s = sockets.at(-1);
      if (!s) throw new Error('no socket created');
      return s;
    },
    wake: (reason = 'visible') => {
      for (const fn of [...wakers]) fn(reason);
    },
  };
}

/** Let promise callbacks (acks resolving requests) run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
