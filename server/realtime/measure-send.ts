/**
 * CPU cost of a message through the real server without sockets (not a test, never asserts speed):
 *   node --import tsx server/realtime/measure-send.ts [messages=20000] [visitors=200] [rounds=3] [burst=1]
 * The whole server (createParleyServer over a SQLite file in a temp dir: domain, site feeds, log
 * followers, metrics) with sessions started as the gateway starts them (connection.ts startSession) on
 * fake sockets that only count bytes: each visitor sends `message.send` frames on its session and waits
 * for the ack, two staff sessions receive the fan-out, and one message in 10 is a staff reply (the
 * bench's latency shape). `burst` 1: one message at a time across the whole server (each commits and
 * fans out alone, the idle-bench case); `burst` N: N visitors send at once, then wait for all N acks.
 * Reports CPU microseconds per message (process.cpuUsage: all threads; /proc: the main thread).
 * PROMISES=1 counts the promises created per message in the last round (exact). PROFILE=out.cpuprofile writes a CPU profile of the last round only (no start-up in it). For counts of the last round:
 *   CALLGRIND=1 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=cg.out node --import tsx server/realtime/measure-send.ts 2000 200 2
 *   callgrind_annotate cg.out | head   (the PROGRAM TOTALS line: instructions of the last round, all threads)
 */
import { createHook } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { createParleyServer } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createMetrics } from '../metrics/metrics.ts';
import { createLocalThrottle } from '../net/throttle.ts';
import { startSession } from './connection.ts';
import { createHeartbeat } from './heartbeat.ts';
import type { RawFrame, RealtimeSocket } from './socket.ts';

const total = Number(process.argv[2] ?? 20_000);
const visitorCount = Number(process.argv[3] ?? 200);
const rounds = Number(process.argv[4] ?? 3);
const burst = Math.max(1, Math.min(visitorCount, Number(process.argv[5] ?? 1)));

let errors = 0;

/** A socket that only counts what is written and tells a waiter when a frame with its ack id arrives. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1 as const;
  readonly CLOSED = 3 as const;
  readyState = 1;
  bufferedAmount = 0;
  bytes = 0;
  frames = 0;
  private waiting = new Map<string, (frame: string) => void>();
  send(data: string): void {
    this.bytes += data.length;
    this.frames++;
    if (data.startsWith('{"type":"error"')) errors++;
    if (this.waiting.size === 0 || !data.startsWith('{"type":"ack","id":"')) return;
    const id = data.slice(20, data.indexOf('"', 20));
    const done = this.waiting.get(id);
    if (done) this.waiting.delete(id), done(data);
  }
  close(): void {
    this.readyState = 3;
    this.emit('close', 1000);
  }
  terminate(): void {
    this.close();
  }
  ping(): void {}
  /** Sends a frame as the client would and resolves with its ack (or error). */
  request(id: string, frame: string): Promise<string> {
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.emit('message', Buffer.from(frame) as RawFrame, false);
    });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'parley-measure-send-'));
const config = loadConfig(
  { PARLEY_DATA_DIR: dir },
  {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    secret: 'measure-secret-0123456789abcdef',
    demo: false,
    passwordHashCost: 10,
    serverLimits: { newConversationsPerIp: 1e9, newConversationsPerSite: 1e9, principalRateBurst: 1e9, principalRatePerSec: 1e9 },
    limits: { rateBurst: 1e9, ratePerSec: 1e9 },
  },
);
const metrics = createMetrics();
const log = createLogger({ level: 'silent' });
const server = await createParleyServer({ config, metrics, log });
const { store, auth, bus, feeds, domain } = server;
const site = await store.createSite({ name: 'Measure', allowedOrigins: ['https://shop.example'], identitySecret: 'measure-identity-0123456789abcdef', settings: {} });
const { hashPassword } = await import('../auth/passwords.ts');
const passwordHash = await hashPassword('measure password', { N: 1024, r: 8, p: 1 });
const deps = {
  auth,
  store,
  bus,
  feeds,
  domain,
  config,
  log,
  metrics,
  now: Date.now,
  throttle: createLocalThrottle(),
  heartbeat: createHeartbeat({ intervalMs: 1e9, setInterval: () => 0, clearInterval: () => {} }),
};

let frameId = 0;
async function open(scope: Parameters<typeof startSession>[2], token: string): Promise<FakeSocket> {
  const ws = new FakeSocket();
  startSession(deps, ws as unknown as RealtimeSocket, scope, `conn${frameId}`, '10.0.0.1');
  const id = `h${++frameId}`;
  await ws.request(id, JSON.stringify({ type: 'hello', id, v: PROTOCOL_VERSION, token }));
  return ws;
}

const staff: FakeSocket[] = [];
for (let i = 0; i < 2; i++) {
  const s = await store.createStaff({ siteId: site.id, email: `agent${i}@measure.example`, name: `Agent ${i}`, role: 'agent', passwordHash });
  const { token } = await auth.staffLogin(s.email, 'measure password');
  staff.push(await open({ kind: 'staff' }, token));
}
const visitors: { ws: FakeSocket; conversationId: string }[] = [];
for (let i = 0; i < visitorCount; i++) {
  const session = await auth.openVisitorSession({ siteKey: site.key }, null);
  const ws = await open({ kind: 'visitor', siteId: site.id }, session.visitorToken);
  visitors.push({ ws, conversationId: '' });
}

let clientSeq = 0;
const text = 'load message with a few words of text like a real chat line';
/** One message: a visitor's into their conversation, or (one in 10) a staff reply into it. */
async function sendOne(i: number): Promise<string> {
  const v = visitors[i % visitorCount];
  const n = clientSeq++;
  const id = `m${++frameId}`;
  const byStaff = n % 10 === 9 && v.conversationId !== '';
  const ws = byStaff ? staff[n % 2] : v.ws;
  const target = v.conversationId !== '' ? `,"conversationId":"${v.conversationId}"` : '';
  return ws.request(id, `{"type":"message.send","id":"${id}","clientId":"c${n}","text":"${text} ${n}"${target}}`);
}

// The first message of each visitor creates their conversation; read its id from the store once.
for (let i = 0; i < visitorCount; i++) {
  const ack = JSON.parse(await sendOne(i));
  if (ack.type !== 'ack') throw new Error(`send failed: ${JSON.stringify(ack)}`);
  visitors[i].conversationId = ack.result.conversationId;
}

function mainThreadCpu(): number | null {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10_000;
  } catch {
    return null;
  }
}

/** GC pauses on the main thread (V8 flags such as --max-semi-space-size change them). */
const gc = { ms: 0, count: 0, scavenges: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.ms += e.duration;
    gc.count++;
    if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 1) gc.scavenges++;
  }
}).observe({ entryTypes: ['gc'] });

/** Under `valgrind --tool=callgrind --instr-atstart=no`, CALLGRIND=1 counts the last round only. */
const callgrind = (on: boolean) => {
  if (process.env.CALLGRIND) execFileSync('callgrind_control', ['-i', on ? 'on' : 'off', String(process.pid)], { stdio: 'ignore' });
};

/** PROMISES=1: promises created per message in the last round (exact, whatever the load; the hook slows the run). */
let promises = 0;
const promiseHook = process.env.PROMISES ? createHook({ init: (_id, type) => void (type === 'PROMISE' && promises++) }) : null;

/** PROFILE=file: the main thread's CPU profile of the last round (start-up and setup left out). */
const profiler = process.env.PROFILE ? new Session() : null;
profiler?.connect();

for (let round = 1; round <= rounds; round++) {
  if (round === rounds) {
    callgrind(true);
    if (profiler) await profiler.post('Profiler.enable'), await profiler.post('Profiler.start');
    promiseHook?.enable();
  }
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  const frames0 = staff[0].frames;
  const gc0 = { ...gc };
  for (let sent = 0; sent < total; sent += burst) {
    if (burst === 1) await sendOne(sent);
    else await Promise.all(Array.from({ length: Math.min(burst, total - sent) }, (_, k) => sendOne(sent + k)));
  }
  const secs = (performance.now() - t) / 1000;
  if (round === rounds) {
    promiseHook?.disable();
    if (promiseHook) console.log(`promises created: ${(promises / total).toFixed(2)} per message`);
    callgrind(false);
    if (profiler) writeFileSync(process.env.PROFILE!, JSON.stringify((await profiler.post('Profiler.stop')).profile));
  }
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpu();
  const main = main0 === null || main1 === null ? '' : `, main thread ${((main1 - main0) / total).toFixed(1)}`;
  console.log(
    `round ${round}: ${total} sends, burst ${burst}: ${((cpu.user + cpu.system) / total).toFixed(1)} µs CPU/msg all threads ` +
      `(user ${(cpu.user / total).toFixed(1)}, sys ${(cpu.system / total).toFixed(1)})${main}, ${(total / secs).toFixed(0)} msg/s wall, ` +
      `staff frames/msg ${((staff[0].frames - frames0) / total).toFixed(2)}, errors ${errors}, ` +
      `GC ${((1000 * (gc.ms - gc0.ms)) / total).toFixed(1)} µs/msg in ${gc.count - gc0.count} pauses (${gc.scavenges - gc0.scavenges} scavenges)`,
  );
}
await server.close();
rmSync(dir, { recursive: true, force: true });
