import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type HelloResult, type ResumePoint, type ServerEvent, type ServerFrame } from '../../protocol/index.ts';
import { createParleyServer, type ParleyServer, type ParleyServerOptions } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loadConfig, type Config, type ConfigOverrides } from '../config.ts';
import type { SiteRecord, StaffRecord, Store } from '../store/store.ts';

/**
 * Test helpers for the real server: a temp data dir with a real SQLite file, port 0, real ws
 * clients. Shared by the realtime and domain tests (and usable by HTTP tests).
 */
export interface TestServer {
  server: ParleyServer;
  config: Config;
  dir: string;
  /** Close the server (idempotent) and remove the temp dir. */
  stop(): Promise<void>;
}

/**
 * A test's clients all come from 127.0.0.1 and often are one visitor on many sockets: the limits on
 * new conversations per IP and site and on commands per principal would stop tests of other things.
 * They are raised here, as the bench does; their own tests set them back (upload and abuse tests).
 */
export const ONE_ADDRESS_MANY_CLIENTS = {
  newConversationsPerIp: 1_000_000,
  newConversationsPerSite: 1_000_000,
  principalRateBurst: 1_000_000,
  principalRatePerSec: 1_000_000,
};

export async function startTestServer(
  overrides: ConfigOverrides = {},
  opts: Pick<ParleyServerOptions, 'log' | 'heartbeatTimer' | 'now' | 'emailTimers' | 'domainTimers' | 'throttle'> & { /** Another server's data dir (a restart): kept on stop. */ dataDir?: string } = {},
): Promise<TestServer> {
  const { dataDir, ...serverOpts } = opts;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  const { limits, serverLimits, ...rest } = overrides;
  const config = loadConfig(
    { PARLEY_DATA_DIR: dir },
    // A cheap password hash: tests sign in hundreds of times; the ones about hashing ask for the real cost.
    { port: 0, host: '127.0.0.1', logLevel: 'silent', secret: 'test-secret-0123456789abcdef', demo: false, passwordHashCost: 10, ...rest, limits, serverLimits: { ...ONE_ADDRESS_MANY_CLIENTS, ...serverLimits } },
  );
  const server = await createParleyServer({ config, ...serverOpts });
  return {
    server,
    config,
    dir,
    async stop() {
      await server.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestSite {
  site: SiteRecord;
  staff: StaffRecord;
  staffToken: string;
}

let counter = 0;

/**
 * How long a test waits for something that should happen. Generous on purpose: the machine may be
 * loaded by other suites, and a passing test never waits this long (waits end as soon as the frame
 * or condition is there), so only a real failure pays for it.
 */
export const DEFAULT_WAIT_MS = 30_000;

/** A heartbeat timer the test ticks by hand: liveness tests then depend on no clock at all. */
export function manualHeartbeat() {
  let tick: (() => void) | null = null;
  return {
    timer: {
      setInterval: (fn: () => void) => ((tick = fn), 1),
      clearInterval: () => void (tick = null),
    },
    tick: () => tick?.(),
  };
}

/** A site (allowed origin https://shop.example) with one staff member (admin) logged in. */
export async function createTestSite(ts: TestServer, opts: { origins?: string[]; role?: 'admin' | 'agent' } = {}): Promise<TestSite> {
  const { store, auth } = ts.server;
  const n = ++counter;
  const site = await store.createSite({
    name: `Site ${n}`,
    allowedOrigins: opts.origins ?? ['https://shop.example'],
    identitySecret: `identity-secret-${n}-0123456789abcdef`,
    settings: { greeting: 'Hi' },
  });
  const staff = await addStaff(ts, site, opts.role ?? 'admin');
  const staffToken = await loginStaff(ts, staff.email);
  return { site, staff, staffToken };
}

/**
 * One server (and `sites` test sites on it, default 1) for a whole describe block or file: registers
 * the before and after hooks where it is called. The returned objects are filled in by the before
 * hook, so read them inside tests and later hooks only.
 */
export function useTestServer(
  overrides: ConfigOverrides = {},
  opts: { sites?: number } = {},
): { ts: TestServer; a: TestSite; sites: TestSite[] } {
  const ts = {} as TestServer;
  const sites = Array.from({ length: opts.sites ?? 1 }, () => ({}) as TestSite);
  before(async () => {
    Object.assign(ts, await startTestServer(overrides));
    for (const site of sites) Object.assign(site, await createTestSite(ts));
  });
  after(() => ts.stop?.());
  return { ts, a: sites[0], sites };
}

type WithServerFn<T> = (ts: TestServer, a: TestSite) => Promise<T>;
type ServerOpts = Pick<ParleyServerOptions, 'log' | 'heartbeatTimer' | 'now' | 'domainTimers'>;

/** Runs `fn` against a server of its own (and one test site), stopped afterwards whatever happens. */
export function withTestServer<T>(fn: WithServerFn<T>): Promise<T>;
export function withTestServer<T>(overrides: ConfigOverrides, fn: WithServerFn<T>): Promise<T>;
export function withTestServer<T>(overrides: ConfigOverrides, opts: ServerOpts, fn: WithServerFn<T>): Promise<T>;
export async function withTestServer<T>(...args: [WithServerFn<T>] | [ConfigOverrides, WithServerFn<T>] | [ConfigOverrides, ServerOpts, WithServerFn<T>]): Promise<T> {
  const fn = args[args.length - 1] as WithServerFn<T>;
  const overrides = args.length > 1 ? (args[0] as ConfigOverrides) : {};
  const opts = args.length > 2 ? (args[1] as ServerOpts) : {};
  const ts = await startTestServer(overrides, opts);
  try {
    return await fn(ts, await createTestSite(ts));
  } finally {
    await ts.stop();
  }
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function addStaff(ts: TestServer, site: SiteRecord, role: 'admin' | 'agent' = 'agent'): Promise<StaffRecord> {
  const n = ++counter;
  return ts.server.store.createStaff({
    siteId: site.id,
    email: `agent${n}@example.com`,
    name: `Agent ${n}`,
    role,
    passwordHash: await hashPassword(TEST_PASSWORD, { N: 1024, r: 8, p: 1 }),
  });
}

export async function loginStaff(ts: TestServer, email: string): Promise<string> {
  return (await ts.server.auth.staffLogin(email, TEST_PASSWORD)).token;
}

/** A new anonymous visitor of a site: their token and id. */
export async function newVisitor(ts: TestServer, site: SiteRecord): Promise<{ token: string; visitorId: string }> {
  const res = await ts.server.auth.openVisitorSession({ siteKey: site.key }, null);
  return { token: res.visitorToken, visitorId: res.visitor.id };
}

export interface TestClient {
  ws: WebSocket;
  frames: ServerFrame[];
  /** Durable and ephemeral events received so far (optionally of one kind). */
  events<K extends ServerEvent['kind']>(kind?: K): Extract<ServerEvent, { kind: K }>[];
  /** Sends a raw frame (object -> JSON, string as is). */
  sendRaw(frame: unknown): void;
  /** Sends a command with a fresh id and resolves with its ack or error frame. */
  request(type: string, fields?: Record<string, unknown>): Promise<Extract<ServerFrame, { type: 'ack' | 'error' }>>;
  /** request() that must be acked; resolves with the result. */
  call<T = any>(type: string, fields?: Record<string, unknown>): Promise<T>;
  hello(token: string, resume?: ResumePoint): Promise<HelloResult>;
  waitFor<T extends ServerFrame>(pred: (f: ServerFrame) => f is T, timeoutMs?: number): Promise<T>;
  waitFor(pred: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  waitForEvents(pred: (events: ServerEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  site?: string;
  origin?: string;
  wsOptions?: WebSocket.ClientOptions;
}

export function wsUrl(ts: TestServer, site?: string): string {
  return ts.server.url.replace(/^http/, 'ws') + '/ws' + (site ? `?site=${encodeURIComponent(site)}` : '');
}

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export function connect(ts: TestServer, opts: ConnectOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(wsUrl(ts, opts.site), { ...(opts.origin ? { origin: opts.origin } : {}), ...opts.wsOptions });
  const frames: ServerFrame[] = [];
  const listeners = new Set<() => void>();
  let nextId = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const l of listeners) l();
    }),
  );
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const l of [...listeners]) l();
  });

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
        if (ws.readyState === ws.CLOSED) {
          cleanup();
          reject(new Error(`socket closed while waiting (frames: ${JSON.stringify(frames.slice(-5))})`));
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

  const events = () => frames.filter((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event').map((f) => f.event);
  const client: TestClient = {
    ws,
    frames,
    events: ((kind?: string) => events().filter((e) => !kind || e.kind === kind)) as TestClient['events'],
    sendRaw: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    async request(type, fields = {}) {
      const id = `c${++nextId}`;
      ws.send(JSON.stringify({ type, id, ...fields }));
      return waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id) as Promise<Extract<ServerFrame, { type: 'ack' | 'error' }>>;
    },
    async call(type, fields) {
      const f = await client.request(type, fields);
      if (f.type === 'error') throw new Error(`${type} failed: ${f.code}: ${f.message}`);
      return f.result as any;
    },
    async hello(token, resume) {
      return client.call('hello', { v: PROTOCOL_VERSION, token, ...(resume ? { resume } : {}) });
    },
    waitFor: waitFor as TestClient['waitFor'],
    async waitForEvents(pred, timeoutMs = DEFAULT_WAIT_MS) {
      await waitFor(() => pred(events()), timeoutMs).catch((err) => {
        throw new Error(`${err.message}; events: ${JSON.stringify(events().slice(-5))}`);
      });
    },
    closed,
    async close() {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closed;
    },
  };

  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}

/** Connects and says hello as a visitor of a site. */
export async function visitorClient(ts: TestServer, site: SiteRecord, token: string, resume?: ResumePoint): Promise<TestClient & { helloResult: HelloResult }> {
  const c = await connect(ts, { site: site.key });
  const helloResult = await c.hello(token, resume);
  return Object.assign(c, { helloResult });
}

export async function staffClient(ts: TestServer, token: string, resume?: ResumePoint): Promise<TestClient & { helloResult: HelloResult }> {
  const c = await connect(ts);
  const helloResult = await c.hello(token, resume);
  return Object.assign(c, { helloResult });
}

/** Polls a condition (for state that is not a frame, e.g. server-side counts). */
export async function waitUntil(cond: () => boolean | Promise<boolean>, timeoutMs = DEFAULT_WAIT_MS, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The real SQLite store behind a gate: appendMessage waits until the test opens it, so a commit is
 * "in flight" for exactly as long as the test wants, without timing.
 */
export function gatedStore(store: Store) {
  let open = true;
  const waiters: (() => void)[] = [];
  let waiting = 0;
  const gated: Store = Object.create(store);
  gated.appendMessage = async (input) => {
    if (!open) {
      waiting++;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    return store.appendMessage(input);
  };
  return {
    store: gated,
    close: () => void (open = false),
    open: () => {
      open = true;
      for (const release of waiters.splice(0)) release();
    },
    waiting: () => waiting,
  };
}
