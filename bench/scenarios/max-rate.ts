import type { PhaseResult } from '../gen/chat-load.ts';
import { forkTs, stop } from '../lib/children.ts';
import { ms } from '../lib/format.ts';
import { call } from '../lib/ipc.ts';
import { eachTarget, withTarget, sleep, type RunContext, type TargetKind } from './context.ts';
import { STAFF, STAFF_EVERY, VISITORS } from './latency.ts';

/**
 * Highest sustained rate at which every message is delivered exactly once with p99 < 50 ms (both
 * directions, and the generator itself keeping to its schedule). Doubles the rate until a step
 * fails, then bisects between the last pass and the first failure.
 */
export const P99_LIMIT_MS = 50;

export interface MaxRateResult {
  best: number;
  bestStep: PhaseResult | null;
  steps: { rate: number; pass: boolean; why: string; result: PhaseResult }[];
}

export function verdict(r: PhaseResult, p99LimitMs = P99_LIMIT_MS): { pass: boolean; why: string } {
  const why: string[] = [];
  if (r.lost) why.push(`${r.lost} lost`);
  if (r.duplicated) why.push(`${r.duplicated} duplicated`);
  if (!(r.visitorToStaff.p99 < p99LimitMs)) why.push(`v->s p99 ${ms(r.visitorToStaff.p99)} ms`);
  if (r.staffToVisitor.count && !(r.staffToVisitor.p99 < p99LimitMs)) why.push(`s->v p99 ${ms(r.staffToVisitor.p99)} ms`);
  if (!(r.sendLag.p99 < p99LimitMs)) why.push(`generator behind schedule (lag p99 ${ms(r.sendLag.p99)} ms)`);
  const errs = Object.entries(r.errors).filter(([, n]) => n > 0);
  if (errs.length) why.push(`errors ${errs.map(([c, n]) => `${c}:${n}`).join(',')}`);
  return { pass: why.length === 0, why: why.join('; ') || 'ok' };
}

export async function runMaxRate(ctx: RunContext): Promise<Partial<Record<TargetKind, MaxRateResult>>> {
  const stepMs = ctx.quick ? 1_500 : 4_000;
  const bisections = ctx.quick ? 1 : 4;
  const drainMs = ctx.quick ? 2_000 : 5_000;
  return eachTarget(ctx, 'max-rate', (kind) =>
    withTarget(kind, async (t) => {
      const gen = forkTs(new URL('../gen/chat-load.ts', import.meta.url).pathname);
      const res: MaxRateResult = { best: 0, bestStep: null, steps: [] };
      let phase = 100;
      const step = async (rate: number) => {
        const result = await call<PhaseResult>(gen, 'phase', { phase: phase++, rate, durationMs: stepMs, warmupMs: 500, staffEvery: STAFF_EVERY, drainMs }, 120_000);
        const v = verdict(result);
        res.steps.push({ rate, ...v, result });
        ctx.log(`max-rate ${kind} ${rate}/s: ${v.pass ? "pass" : "FAIL"} (${v.pass ? `v->s p99 ${ms(result.visitorToStaff.p99)} ms` : v.why})`);
        if (v.pass && rate > res.best) {
          res.best = rate;
          res.bestStep = result;
        }
        // Let an overloaded server finish its backlog before the next step.
        if (!v.pass) await sleep(ctx.quick ? 1_000 : 2_000);
        return v.pass;
      };
      try {
        await call(gen, 'setup', { target: t.info, visitors: VISITORS, staff: STAFF });
        let lo = 0;
        let hi = 0;
        for (let rate = 2_000; rate <= 64_000; rate *= 2) {
          if (await step(rate)) lo = rate;
          else {
            hi = rate;
            break;
          }
        }
        for (let i = 0; i < bisections && hi > 0 && hi - lo > 500; i++) {
          const mid = Math.round((lo + hi) / 2 / 250) * 250;
          if (await step(mid)) lo = mid;
          else hi = mid;
        }
        await call(gen, 'close');
        return res;
      } finally {
        await stop(gen, 1000);
      }
    }),
  );
}
