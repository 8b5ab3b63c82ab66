import type { PhaseResult } from '../gen/chat-load.ts';
import { forkTs, stop } from '../lib/children.ts';
import { ms } from '../lib/format.ts';
import { call } from '../lib/ipc.ts';
import { eachTarget, withTarget, type RunContext, type TargetKind } from './context.ts';

/**
 * Delivery latency at fixed rates: 200 visitors, 2 staff, one generator process, one phase per rate
 * on the same connections (each phase has its own warm-up that is not measured).
 */
export const LATENCY_RATES = [100, 1_000, 5_000];
export const VISITORS = 200;
export const STAFF = 2;
/** One message in ten is a staff reply, the rest come from visitors. */
export const STAFF_EVERY = 10;
const GEN = new URL('../gen/chat-load.ts', import.meta.url).pathname;

export type LatencyResult = Partial<Record<TargetKind, Record<number, PhaseResult>>>;

export async function runLatency(ctx: RunContext): Promise<LatencyResult> {
  return eachTarget(ctx, 'latency', (kind) =>
    withTarget(kind, async (t) => {
      const gen = forkTs(GEN);
      try {
        await call(gen, 'setup', { target: t.info, visitors: VISITORS, staff: STAFF });
        const byRate: Record<number, PhaseResult> = {};
        // PARLEY_BENCH_LATENCY_RATES=1000: only those steps (e.g. A/B pairs of one rate).
        const rates = process.env.PARLEY_BENCH_LATENCY_RATES ? process.env.PARLEY_BENCH_LATENCY_RATES.split(',').map(Number) : LATENCY_RATES;
        for (const [i, rate] of rates.entries()) {
          const durationMs = ctx.quick ? 1_500 : 6_000;
          byRate[rate] = await call<PhaseResult>(gen, 'phase', { phase: i, rate, durationMs, warmupMs: ctx.quick ? 500 : 1_000, staffEvery: STAFF_EVERY, drainMs: 5_000 });
          const r = byRate[rate];
          ctx.log(`latency ${kind} ${rate}/s: v->s p50 ${ms(r.visitorToStaff.p50)} p99 ${ms(r.visitorToStaff.p99)}, s->v p99 ${ms(r.staffToVisitor.p99)} ms, lost ${r.lost}/${r.expected}, dup ${r.duplicated}, errors ${JSON.stringify(r.errors)}`);
        }
        await call(gen, 'close');
        return byRate;
      } finally {
        await stop(gen, 1000);
      }
    }),
  );
}
