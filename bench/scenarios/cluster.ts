import type { PhaseResult } from '../gen/chat-load.ts';
import { forkTs, stop } from '../lib/children.ts';
import { ms } from '../lib/format.ts';
import { call } from '../lib/ipc.ts';
import { startParleyCluster } from '../targets/parley-cluster.ts';
import { sleep, type RunContext } from './context.ts';
import { STAFF, STAFF_EVERY, VISITORS } from './latency.ts';
import { verdict } from './max-rate.ts';

/**
 * Parley scaled out on this machine: 1, 2 and 3 processes on PostgreSQL + Redis, each count measured
 * at the same rate steps, so the report shows whether the total rises with nodes. As in max-rate a
 * step passes when every message is delivered exactly once in both directions and the generator keeps
 * its schedule, here with the scale-out bound p99 < 100 ms: on one site (every message takes that
 * site's cursor: the serialized case), and on SITES sites at once (one generator each, the rate split
 * evenly), where sites commit in parallel. Visitors and agents are spread over the processes like a
 * load balancer would, so with more than one node most deliveries cross Redis.
 *
 * Bounded: a fixed ladder, no bisection, each configuration stops at its first failing step (the
 * steps above it would fail too, and a failing step costs its drain).
 */
export const CLUSTER_P99_MS = 100;
export const NODE_COUNTS = [1, 2, 3];
export const SITES = 3;
export const RATES = [500, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000];
export const QUICK_RATES = [500, 1_000, 2_000];

export interface ClusterStep {
  rate: number;
  pass: boolean;
  why: string;
  /** One per site generator. */
  results: PhaseResult[];
}

export interface ClusterRun {
  best: number;
  steps: ClusterStep[];
}

export interface ClusterResult {
  sites: number;
  rates: number[];
  /** One entry per node count, ascending. */
  sweep: { nodes: number; oneSite: ClusterRun; sites: ClusterRun }[];
}

export async function runCluster(ctx: RunContext): Promise<ClusterResult> {
  const stepMs = ctx.quick ? 2_000 : 5_000;
  const rates = ctx.quick ? QUICK_RATES : RATES;
  const out: ClusterResult = { sites: SITES, rates, sweep: [] };
  for (const nodes of NODE_COUNTS) {
    const oneSite = await ladder(ctx, { nodes, sites: 1, stepMs, rates });
    const sites = await ladder(ctx, { nodes, sites: SITES, stepMs, rates });
    out.sweep.push({ nodes, oneSite, sites });
  }
  return out;
}

export interface LadderOptions {
  nodes: number;
  sites: number;
  stepMs: number;
  rates: number[];
  /** Keep climbing after a failure (probes that want every step's figures). */
  all?: boolean;
  /** Per-node environment and node flags (a CPU profile of one node, a setting under test). */
  node?: (i: number) => { env?: NodeJS.ProcessEnv; flags?: string[] };
  /** An earlier build to run instead (parley-cluster.ts). */
  bundle?: string;
}

/** A fresh cluster of `nodes` processes with `sites` sites, stepped up the rates until one fails. */
export async function ladder(ctx: RunContext, o: LadderOptions): Promise<ClusterRun> {
  const label = `${o.nodes} node${o.nodes > 1 ? 's' : ''}, ${o.sites === 1 ? 'one site' : `${o.sites} sites`}`;
  const cluster = await startParleyCluster({ nodes: o.nodes, sites: o.sites, node: o.node, bundle: o.bundle });
  const gens = cluster.sites.map(() => forkTs(new URL('../gen/chat-load.ts', import.meta.url).pathname));
  const res: ClusterRun = { best: 0, steps: [] };
  let phase = 300;
  try {
    await Promise.all(gens.map((g, i) => call(g, 'setup', { target: cluster.sites[i], visitors: Math.ceil(VISITORS / o.sites), staff: STAFF }, 120_000)));
    for (const rate of o.rates) {
      phase++;
      const results = await Promise.all(
        gens.map((g) => call<PhaseResult>(g, 'phase', { phase, rate: rate / gens.length, durationMs: o.stepMs, warmupMs: 500, staffEvery: STAFF_EVERY, drainMs: 5_000 }, 120_000)),
      );
      const verdicts = results.map((r) => verdict(r, CLUSTER_P99_MS));
      const pass = verdicts.every((v) => v.pass);
      const why = verdicts.map((v) => v.why).filter((w) => w !== 'ok').join(' | ') || 'ok';
      res.steps.push({ rate, pass, why, results });
      const worst = Math.max(...results.map((r) => r.visitorToStaff.p99));
      ctx.log(`cluster ${label} ${rate}/s: ${pass ? 'pass' : 'FAIL'} (${pass ? `v->s p99 ${ms(worst)} ms` : why})`);
      if (pass) res.best = rate;
      else if (!o.all) break;
      else await sleep(2_000); // let the backlog drain before the next step
    }
    await Promise.all(gens.map((g) => call(g, 'close')));
    return res;
  } finally {
    await Promise.all(gens.map((g) => stop(g, 1000)));
    await cluster.stop();
  }
}
