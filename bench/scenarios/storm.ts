import { forkTs, stop } from '../lib/children.ts';
import { ms } from '../lib/format.ts';
import { call } from '../lib/ipc.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { eachTarget, sleep, withTarget, type RunContext, type TargetKind } from './context.ts';

/**
 * Reconnect storm: every visitor socket drops at once and reconnects (random delay within
 * SPREAD_MS, then backoff on failure) and resumes, while one agent keeps replying to them. Every
 * reply must reach its visitor exactly once, live or replayed on resume.
 */
const SPREAD_MS = 2_000;
const STAFF_RATE = 500;
export const STORM_TARGET_MS = 10_000;
/** A client still not resumed this long after the drop stops trying and counts as failed. */
const GIVE_UP_MS = 60_000;

export interface StormResult {
  clients: number;
  spreadMs: number;
  staffRate: number;
  /** Per client: from its reconnect attempt to resumed. */
  resume: Summary;
  /** Per client: from the drop to resumed (includes the jitter delay). */
  fromDrop: Summary;
  failed: number;
  replayed: number;
  expected: number;
  lost: number;
  duplicated: number;
  errors: Record<string, number>;
  /** Replies the agent could not send because the server had closed its socket (it reconnects). */
  staffUnsent: number;
  staffReconnects: number;
  /** Replies the server had not processed (no echo to staff) 30 s after sending stopped. */
  unprocessed: number;
  /** Why reconnect attempts failed, by message. */
  reasons: Record<string, number>;
  /** How long after sending stopped the server took to process every reply. */
  settleMs: number;
}

export async function runStorm(ctx: RunContext): Promise<Partial<Record<TargetKind, StormResult>>> {
  const clients = ctx.quick ? 500 : 10_000;
  const procs = ctx.quick ? 2 : 4;
  return eachTarget(ctx, 'storm', (kind) =>
    withTarget(kind, async (t) => {
      const gens = Array.from({ length: procs }, () => forkTs(new URL('../gen/storm-visitors.ts', import.meta.url).pathname));
      const staffGen = forkTs(new URL('../gen/storm-staff.ts', import.meta.url).pathname);
      try {
        const per = Math.ceil(clients / procs);
        const addresses = (
          await Promise.all(gens.map((g, i) => call<string[]>(g, 'setup', { target: t.info, count: per, localAddress: `127.0.0.${20 + i}`, base: i * 1_000_000 }, 300_000)))
        ).flat();
        ctx.log(`storm ${kind}: ${addresses.length} visitors connected`);
        await call(staffGen, 'setup', { target: t.info });
        await call(staffGen, 'start', { addresses, rate: STAFF_RATE });
        await sleep(1_000);
        const storms = await Promise.all(gens.map((g) => call<StormPart>(g, 'storm', { spreadMs: SPREAD_MS, maxAttempts: 8, giveUpMs: GIVE_UP_MS }, GIVE_UP_MS + 30_000)));
        await sleep(1_000);
        const { errors, unsent, reconnects } = await call<{ errors: Record<string, number>; unsent: number; reconnects: number }>(staffGen, 'stop');
        // Wait until the server processed every reply (its echo reached the agent), then for deliveries in flight.
        const settled = await call<{ sent: number; echoed: number; waitedMs: number }>(staffGen, 'settle', { timeoutMs: 30_000 }, 40_000);
        await sleep(1_000);
        // Only replies the server processed must arrive; the rest are reported as `unprocessed`.
        const sent = await call<Record<string, number[]>>(staffGen, 'processed');
        const checks = await Promise.all(gens.map((g) => call<{ expected: number; lost: number; duplicated: number }>(g, 'verify', { sent })));
        const r: StormResult = {
          clients: addresses.length,
          spreadMs: SPREAD_MS,
          staffRate: STAFF_RATE,
          resume: summarize(storms.flatMap((s) => s.resumeMs)),
          fromDrop: summarize(storms.flatMap((s) => s.fromDropMs)),
          failed: sum(storms.map((s) => s.failed)),
          replayed: sum(storms.map((s) => s.replayed)),
          expected: sum(checks.map((c) => c.expected)),
          lost: sum(checks.map((c) => c.lost)),
          duplicated: sum(checks.map((c) => c.duplicated)),
          errors,
          staffUnsent: unsent,
          staffReconnects: reconnects,
          unprocessed: settled.sent - settled.echoed,
          reasons: mergeCounts(storms.map((s) => s.reasons)),
          settleMs: settled.waitedMs,
        };
        ctx.log(`storm ${kind}: last resumed ${ms(r.fromDrop.max)} ms after the drop, resume p99 ${ms(r.resume.p99)} ms, ${r.failed} failed, lost ${r.lost}/${r.expected}, dup ${r.duplicated}${r.failed ? `; failures ${JSON.stringify(r.reasons)}` : ''}`);
        await Promise.all([...gens, staffGen].map((g) => call(g, 'close')));
        return r;
      } finally {
        await Promise.all([...gens, staffGen].map((g) => stop(g, 2000)));
      }
    }),
  );
}

interface StormPart { resumeMs: number[]; fromDropMs: number[]; failed: number; replayed: number; reasons: Record<string, number> }
function mergeCounts(parts: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parts) for (const [k, n] of Object.entries(p)) out[k] = (out[k] ?? 0) + n;
  return out;
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
