import type { ChildProcess } from 'node:child_process';
import { forkTs, rssOf, stop } from '../lib/children.ts';
import { call } from '../lib/ipc.ts';
import { eachTarget, sleep, withTarget, type RunContext, type TargetKind } from './context.ts';

/**
 * Server memory with idle connections: every visitor gets its token first, then RSS (after a full
 * GC) is read before any socket and at each step of open sockets, spread over
 * several generator processes with their own 127.0.0.x source addresses (the open-file limit is
 * per process, and one address only has ~28k ephemeral ports).
 */
export interface IdleStep {
  sockets: number;
  failed: number;
  rssBytes: number;
  /** (RSS - RSS before any socket) / sockets. */
  perSocketBytes: number;
  /** RSS growth since the previous step / sockets added since: fixed costs (heap reservations) cancel out. */
  marginalBytes: number;
  reasons: Record<string, number>;
}
export interface IdleResult {
  baseRssBytes: number;
  steps: IdleStep[];
  /** RSS growth from the first to the last step ÷ sockets added: the cost of one more socket. */
  slopeBytes: number;
}

const GEN = new URL('../gen/idle.ts', import.meta.url).pathname;
const GC_PRELOAD = new URL('../lib/gc-signal.mjs', import.meta.url).pathname;

/** RSS after a full GC (the server preloads lib/gc-signal.mjs), so garbage from connecting is not counted. */
async function settledRss(child: ChildProcess, settleMs: number): Promise<number> {
  await sleep(settleMs);
  // Twice: V8 gives pages back to the OS lazily, after a collection that finds them empty.
  for (let i = 0; i < 2; i++) {
    child.kill('SIGUSR2');
    await sleep(1_000);
  }
  return rssOf(child.pid!);
}

export async function runIdle(ctx: RunContext): Promise<Partial<Record<TargetKind, IdleResult>>> {
  const steps = ctx.quick ? [500, 1_000] : [1_000, 5_000, 10_000, 15_000];
  const procs = ctx.quick ? 2 : 4;
  return eachTarget(ctx, 'idle', (kind) =>
    withTarget(kind, async (t) => {
      const gens = Array.from({ length: procs }, () => forkTs(GEN));
      try {
        await Promise.all(gens.map((g, i) => call(g, 'init', { target: t.info, localAddress: `127.0.0.${10 + i}`, base: i * 1_000_000 })));
        await Promise.all(gens.map((g) => call(g, 'prepare', { count: Math.ceil(steps.at(-1)! / procs) }, 300_000)));
        const baseRssBytes = await settledRss(t.child, ctx.quick ? 500 : 1_000);
        const res: IdleResult = { baseRssBytes, steps: [], slopeBytes: NaN };
        for (const sockets of steps) {
          const per = Math.ceil(sockets / procs);
          const held = await Promise.all(gens.map((g) => call<{ held: number; failed: number; reasons: Record<string, number> }>(g, 'grow', { count: per }, 300_000)));
          const rssBytes = await settledRss(t.child, ctx.quick ? 500 : 2_000);
          const open = held.reduce((s, h) => s + h.held, 0);
          const failed = held.reduce((s, h) => s + h.failed, 0);
          const reasons: Record<string, number> = {};
          for (const h of held) for (const [k, n] of Object.entries(h.reasons)) reasons[k] = (reasons[k] ?? 0) + n;
          const prev = res.steps.at(-1) ?? { sockets: 0, rssBytes: baseRssBytes };
          const step: IdleStep = {
            sockets: open,
            failed,
            rssBytes,
            perSocketBytes: (rssBytes - baseRssBytes) / Math.max(1, open),
            marginalBytes: (rssBytes - prev.rssBytes) / Math.max(1, open - prev.sockets),
            reasons,
          };
          res.steps.push(step);
          ctx.log(`idle ${kind} ${open} sockets (${failed} failed): RSS ${(rssBytes / 2 ** 20).toFixed(0)} MiB, ${(step.perSocketBytes / 1024).toFixed(1)} KiB/socket, marginal ${(step.marginalBytes / 1024).toFixed(1)} KiB${failed ? `; failures: ${JSON.stringify(reasons)}` : ''}`);
          if (failed > 0) break;
        }
        const [first, last] = [res.steps[0], res.steps.at(-1)];
        if (first && last && last.sockets > first.sockets) res.slopeBytes = (last.rssBytes - first.rssBytes) / (last.sockets - first.sockets);
        await Promise.all(gens.map((g) => call(g, 'close')));
        return res;
      } finally {
        await Promise.all(gens.map((g) => stop(g, 2000)));
      }
    }, { nodeFlags: ['--expose-gc', '--import', GC_PRELOAD] }),
  );
}
