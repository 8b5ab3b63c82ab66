import { int, ms, table } from '../lib/format.ts';
import { CLUSTER_P99_MS, type ClusterResult, type ClusterRun, type ClusterStep } from '../scenarios/cluster.ts';
import { STAFF, VISITORS } from '../scenarios/latency.ts';
import type { BenchResults } from './results.ts';

const head = ['nodes', 'msg/s (total)', 'pass', 'v→s p50 / p99 / max', 's→v p99', 'lost', 'dup', 'why'];

const row = (nodes: number, s: ClusterStep) => {
  const worst = (pick: (r: ClusterStep['results'][number]) => number) => Math.max(...s.results.map(pick));
  return [
    String(nodes),
    int(s.rate),
    s.pass ? 'yes' : 'no',
    `${ms(worst((r) => r.visitorToStaff.p50))} / ${ms(worst((r) => r.visitorToStaff.p99))} / ${ms(worst((r) => r.visitorToStaff.max))}`,
    ms(worst((r) => r.staffToVisitor.p99)),
    int(s.results.reduce((n, r) => n + r.lost, 0)),
    int(s.results.reduce((n, r) => n + r.duplicated, 0)),
    s.why,
  ];
};

/** Results written before the node-count sweep held one 3-node run: shown as a sweep of one. */
type Legacy = { nodes: number; oneSite: ClusterRun; sites: { count: number } & ClusterRun };
function sweepOf(c: ClusterResult | Legacy): ClusterResult {
  if ('sweep' in c) return c;
  return { sites: c.sites.count, rates: [], sweep: [{ nodes: c.nodes, oneSite: c.oneSite, sites: c.sites }] };
}

export function clusterSection(r: BenchResults): string {
  if (!r.cluster) return '';
  const C = sweepOf(r.cluster as ClusterResult | Legacy);
  const counts = C.sweep.map((s) => s.nodes).join(', ');
  const steps = C.rates.length ? `the same steps (${C.rates.map(int).join(', ')} msg/s total), each count stopping at its first failing step` : 'a doubling search';
  const summary = C.sweep.map((s) => [String(s.nodes), int(s.oneSite.best), int(s.sites.best)]);
  const steps1 = C.sweep.flatMap((s) => s.oneSite.steps.map((st) => row(s.nodes, st)));
  const stepsN = C.sweep.flatMap((s) => s.sites.steps.map((st) => row(s.nodes, st)));
  return `## Scale-out: ${counts} processes on PostgreSQL + Redis

Parley as ${counts} processes (the same bundle) on one PostgreSQL schema and one Redis, all on this machine with the
generators, at ${steps}. Visitors and agents are spread over the processes round-robin, as a load balancer would, so
with several processes most deliveries cross Redis and every process's site feed puts them in cursor order. Pass = every
message persisted and delivered exactly once in both directions, p99 < ${CLUSTER_P99_MS} ms, the generators on schedule,
no error frames. Per site ${VISITORS} visitors (split across the sites' generators) and ${STAFF} agents.

Highest passing rate (msg/s):

${table(['nodes', 'one site', `${C.sites} sites at once (total)`], summary)}

Steps, one site:

${table(head, steps1)}

Steps, ${C.sites} sites (one generator each, the rate split evenly; worst site shown):

${table(head, stepsN)}
`;
}
