import { loadavg } from 'node:os';
import type { PhaseResult } from '../gen/chat-load.ts';
import { forkTs, stop } from '../lib/children.ts';
import { call } from '../lib/ipc.ts';
import { processCpuMs } from '../lib/proc-cpu.ts';
import { eachTarget, withTarget, type RunContext, type TargetKind } from './context.ts';
import { STAFF, STAFF_EVERY, VISITORS } from './latency.ts';

/**
 * Server CPU per delivered message at one rate both servers sustain: the same chat load as latency,
 * a short unmeasured phase first (JIT, caches), then CPU_RATE msg/s for CPU_MS; the server process's
 * user + system CPU over the measured phase (its drain included) divided by the messages sent, every one
 * of which must have been delivered (lost 0) for the figure to count.
 */
export const CPU_RATE = 2_000;
export const CPU_MS = 8_000;

export interface CpuResult {
  rate: number;
  step: PhaseResult;
  cpuMs: number;
  wallMs: number;
  /** cpuMs × 1000 ÷ messages sent. */
  usPerMessage: number;
  /** cpuMs × 1000 ÷ copies delivered (a visitor message reaches every staff connection, a reply its visitor). */
  usPerDelivery: number;
  /** 1-minute load average before and after the measured phase. */
  load: [number, number];
}

const GEN = new URL('../gen/chat-load.ts', import.meta.url).pathname;
const load1 = () => Math.round(loadavg()[0] * 100) / 100;

export async function runCpu(ctx: RunContext, rate = CPU_RATE): Promise<Partial<Record<TargetKind, CpuResult>>> {
  return eachTarget(ctx, 'cpu', (kind) =>
    withTarget(kind, async (t) => {
      const gen = forkTs(GEN);
      const pid = t.child.pid!;
      try {
        await call(gen, 'setup', { target: t.info, visitors: VISITORS, staff: STAFF });
        await call<PhaseResult>(gen, 'phase', { phase: 0, rate, durationMs: 2_000, warmupMs: 500, staffEvery: STAFF_EVERY, drainMs: 5_000 });
        const before = load1();
        const cpu0 = processCpuMs(pid);
        const wall0 = performance.now();
        const durationMs = ctx.quick ? 2_000 : CPU_MS;
        const step = await call<PhaseResult>(gen, 'phase', { phase: 1, rate, durationMs, warmupMs: 500, staffEvery: STAFF_EVERY, drainMs: 5_000 });
        const cpuMs = processCpuMs(pid) - cpu0;
        const wallMs = performance.now() - wall0;
        await call(gen, 'close');
        const r: CpuResult = { rate, step, cpuMs, wallMs, usPerMessage: (cpuMs * 1000) / step.sent, usPerDelivery: (cpuMs * 1000) / step.expected, load: [before, load1()] };
        ctx.log(`cpu ${kind} at ${rate}/s: ${cpuMs.toFixed(0)} ms CPU over ${wallMs.toFixed(0)} ms for ${step.sent} messages = ${r.usPerMessage.toFixed(1)} µs/msg, lost ${step.lost}, dup ${step.duplicated}, load ${r.load.join(' -> ')}`);
        return r;
      } finally {
        await stop(gen, 1000);
      }
    }),
  );
}
