import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { adapterFor, type TargetInfo } from '../adapters/index.ts';
import type { StaffClient, VisitorClient } from '../adapters/types.ts';
import { pool, serve } from '../lib/ipc.ts';
import { DeliveryLedger } from '../lib/ledger.ts';
import { Samples, summarize, type Summary } from '../lib/stats.ts';
import { formatTag, parseTag } from '../lib/tag.ts';

/*
 * Open-loop chat load: N visitors and S staff in this one process (so send and receive times come
 * from the same clock). A phase sends `rate` messages/s for `durationMs` on a fixed schedule, no
 * matter how fast the server answers: every `staffEvery`-th message is a staff reply to a visitor,
 * the rest are visitor messages, round-robin. Each visitor message must reach every staff
 * connection once; each staff reply must reach its visitor once.
 */

export interface SetupArg { target: TargetInfo; visitors: number; staff: number }
export interface PhaseArg { phase: number; rate: number; durationMs: number; warmupMs: number; staffEvery: number; drainMs: number }
export interface PhaseResult {
  rate: number;
  sent: number;
  achievedRate: number;
  visitorToStaff: Summary;
  staffToVisitor: Summary;
  /** How late sends left the generator versus their schedule (generator saturation). */
  sendLag: Summary;
  expected: number;
  lost: number;
  duplicated: number;
  /** ms from the last send until the last expected receipt (or the drain timeout). */
  drainMs: number;
  errors: Record<string, number>;
}

let visitors: VisitorClient[] = [];
let staff: StaffClient[] = [];
let current: { phase: number; vs: DeliveryLedger; sv: DeliveryLedger; warmupEnd: number; targetOf: (k: number) => number } | null = null;
let firsts = 0;
let lastReceipt = 0;
/** PARLEY_BENCH_SLOW_LOG=file: every measured delivery over 3 ms, one JSON line (wall-clock send time), for findings #18. */
const slowLog = process.env.PARLEY_BENCH_SLOW_LOG;
function noteSlow(dir: string, k: number, sentAt: number, latencyMs: number) {
  if (slowLog && latencyMs > 3) appendFileSync(slowLog, `${JSON.stringify({ dir, k, at: performance.timeOrigin + sentAt, ms: latencyMs })}\n`);
}

function onStaffText(slot: number, text: string) {
  const c = current;
  const tag = c && parseTag(text);
  if (!c || !tag || tag.from !== 'v' || tag.phase !== c.phase) return;
  const now = performance.now();
  if (c.vs.receive(tag.k, slot, now - tag.t, tag.t >= c.warmupEnd)) {
    firsts++;
    if (tag.t >= c.warmupEnd) noteSlow('vs', tag.k, tag.t, now - tag.t);
  }
  lastReceipt = now;
}

function onVisitorText(v: number, text: string) {
  const c = current;
  const tag = c && parseTag(text);
  if (!c || !tag || tag.from !== 's' || tag.phase !== c.phase || c.targetOf(tag.k) !== v) return;
  const now = performance.now();
  if (c.sv.receive(tag.k, 0, now - tag.t, tag.t >= c.warmupEnd)) {
    firsts++;
    if (tag.t >= c.warmupEnd) noteSlow('sv', tag.k, tag.t, now - tag.t);
  }
  lastReceipt = now;
}

async function setup(arg: SetupArg) {
  const adapter = adapterFor(arg.target);
  visitors = await pool(Array.from({ length: arg.visitors }, (_, i) => i), 20, async (i) => {
    const v = await adapter.visitor(i, {}, (text) => onVisitorText(i, text));
    await v.openConversation(`hello from visitor ${i}`);
    return v;
  });
  staff = await pool(Array.from({ length: arg.staff }, (_, i) => i), 4, (i) => adapter.staff(i, {}, (text) => onStaffText(i, text)));
  return { visitors: visitors.length, staff: staff.length };
}

async function phase(arg: PhaseArg): Promise<PhaseResult> {
  const total = Math.round((arg.rate * arg.durationMs) / 1000);
  const interval = 1000 / arg.rate;
  const start = performance.now() + 5;
  const vs = new DeliveryLedger();
  const sv = new DeliveryLedger();
  const N = visitors.length;
  const S = staff.length;
  const isStaff = (k: number) => k % arg.staffEvery === arg.staffEvery - 1;
  const targetOf = (k: number) => Math.floor(k / arg.staffEvery) % N;
  current = { phase: arg.phase, vs, sv, warmupEnd: start + arg.warmupMs, targetOf };
  firsts = 0;
  let expected = 0;
  const lag = new Samples();
  let k = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / interval) + 1);
      for (; k < due; k++) {
        const t = performance.now();
        lag.push(t - (start + k * interval));
        if (isStaff(k)) {
          sv.expect(k, 1);
          expected += 1;
          staff[Math.floor(k / arg.staffEvery) % S].send(visitors[targetOf(k)].address, formatTag({ from: 's', phase: arg.phase, k, t }));
        } else {
          vs.expect(k, S);
          expected += S;
          visitors[k % N].send(formatTag({ from: 'v', phase: arg.phase, k, t }));
        }
      }
      if (k >= total) done();
      else setTimeout(tick, Math.max(0, start + k * interval - performance.now() - 0.5));
    };
    tick();
  });
  const sendEnd = performance.now();
  lastReceipt = sendEnd;
  while (firsts < expected && performance.now() - sendEnd < arg.drainMs) await sleep(20);
  const drainMs = Math.max(0, lastReceipt - sendEnd);
  await sleep(200); // late duplicates
  current = null;
  const errors: Record<string, number> = {};
  for (const c of [...visitors, ...staff]) for (const [code, n] of c.errors) errors[code] = (errors[code] ?? 0) + n;
  for (const c of [...visitors, ...staff]) c.errors.clear();
  const vsSum = summarize(vs.latency.view());
  const svSum = summarize(sv.latency.view());
  return {
    rate: arg.rate,
    sent: total,
    achievedRate: (total * 1000) / (sendEnd - start),
    visitorToStaff: vsSum,
    staffToVisitor: svSum,
    sendLag: summarize(lag.view()),
    expected,
    lost: vs.missing() + sv.missing(),
    duplicated: vs.duplicates() + sv.duplicates(),
    drainMs,
    errors,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

serve({
  setup,
  phase,
  close: async () => {
    for (const c of [...visitors, ...staff]) c.close();
    await sleep(100);
    return true;
  },
});
