import type { PhaseResult } from '../gen/chat-load.ts';
import { forkTs, stop } from '../lib/children.ts';
import { ms } from '../lib/format.ts';
import { call } from '../lib/ipc.ts';
import { startParleyCluster } from '../targets/parley-cluster.ts';
import { sleep, type RunContext } from './context.ts';
import { STAFF, STAFF_EVERY, VISITORS } from './latency.ts';
import { verdict } from './max-rate.ts';

/**
 * Parley scaled out on this machine: NODES processes on PostgreSQL + Redis. Highest sustained rate,
 * as in max-rate (every message delivered exactly once, both directions, generator on schedule),
 * with the scale-out bound p99 < 100 ms: on one site (every message takes that site's cursor, so this
 * is the serialized case), and on SITES sites at once (one generator each, the rate split evenly),
 * where sites commit in parallel. Visitors and agents are spread over the processes like a load
 * balancer would, so most deliveries cross Redis.
 */
export const CLUSTER_P99_MS = 100;
export const NODES = 3;
export const SITES = 3;

export interface ClusterStep {
  rate: number;
  pass: boolean;
  why: string;
  /** One per site generator. */
  results: PhaseResult[];
}

export interface ClusterResult {
  nodes: number;
  oneSite: { best: number; steps: ClusterStep[] };
  sites: { count: number; best: number; steps: ClusterStep[] };
}

export async function runCluster(ctx: RunContext): Promise<ClusterResult> {
  const stepMs = ctx.quick ? 2_000 : 5_000;
  const out: ClusterResult = { nodes: NODES, oneSite: { best: 0, steps: [] }, sites: { count: SITES, best: 0, steps: [] } };
  out.oneSite = await search(ctx, 1, stepMs, 'one site');
  out.sites = { count: SITES, ...(await search(ctx, SITES, stepMs, `${SITES} sites`)) };
  return out;
}

/** A fresh cluster with `sites` sites; doubles from 1,000 msg/s (total) until a step fails, then bisects. */
async function search(ctx: RunContext, sites: number, stepMs: number, label: string): Promise<{ best: number; steps: ClusterStep[] }> {
  const cluster = await startParleyCluster({ nodes: NODES, sites });
  const gens = cluster.sites.map(() => forkTs(new URL('../gen/chat-load.ts', import.meta.url).pathname));
  const res = { best: 0, steps: [] as ClusterStep[] };
  let phase = 300;
  const step = async (rate: number) => {
    phase++;
    const results = await Promise.all(
      gens.map((g) => call<PhaseResult>(g, 'phase', { phase, rate: rate / gens.length, durationMs: stepMs, warmupMs: 500, staffEvery: STAFF_EVERY, drainMs: 5_000 }, 120_000)),
    );
    const verdicts = results.map((r) => verdict(r, CLUSTER_P99_MS));
    const pass = verdicts.every((v) => v.pass);
    const why = verdicts.map((v) => v.why).filter((w) => w !== 'ok').join(' | ') || 'ok';
    res.steps.push({ rate, pass, why, results });
    const worst = Math.max(...results.map((r) => r.visitorToStaff.p99));
    ctx.log(`cluster ${label} ${rate}/s on ${NODES} nodes: ${pass ? 'pass' : 'FAIL'} (${pass ? `v->s p99 ${ms(worst)} ms` : why})`);
    if (pass && rate > res.best) res.best = rate;
    if (!pass) await sleep(2_000); // let the backlog drain before the next step
    return pass;
  };
  try {
    await Promise.all(gens.map((g, i) => call(g, 'setup', { target: cluster.sites[i], visitors: Math.ceil(VISITORS / sites), staff: STAFF }, 120_000)));
    let lo = 0;
    let hi = 0;
    for (let rate = 1_000; rate <= 32_000; rate *= 2) {
      if (await step(rate)) lo = rate;
      else {
        hi = rate;
        break;
      }
    }
    for (let i = 0; i < (ctx.quick ? 1 : 2) && hi > 0 && hi - lo > 500; i++) {
      const mid = Math.round((lo + hi) / 2 / 250) * 250;
      if (await step(mid)) lo = mid;
      else hi = mid;
    }
    await Promise.all(gens.map((g) => call(g, 'close')));
    return res;
  } finally {
    await Promise.all(gens.map((g) => stop(g, 1000)));
    await cluster.stop();
  }
}
