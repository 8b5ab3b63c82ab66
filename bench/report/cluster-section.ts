import { int, ms, table } from '../lib/format.ts';
import { CLUSTER_P99_MS, type ClusterStep } from '../scenarios/cluster.ts';
import { STAFF, VISITORS } from '../scenarios/latency.ts';
import type { BenchResults } from './results.ts';

const rows = (steps: ClusterStep[]) =>
  steps.map((s) => {
    const worst = (pick: (r: ClusterStep['results'][number]) => number) => Math.max(...s.results.map(pick));
    return [
      int(s.rate),
      s.pass ? 'yes' : 'no',
      `${ms(worst((r) => r.visitorToStaff.p50))} / ${ms(worst((r) => r.visitorToStaff.p99))} / ${ms(worst((r) => r.visitorToStaff.max))}`,
      ms(worst((r) => r.staffToVisitor.p99)),
      int(s.results.reduce((n, r) => n + r.lost, 0)),
      int(s.results.reduce((n, r) => n + r.duplicated, 0)),
      s.why,
    ];
  });

export function clusterSection(r: BenchResults): string {
  const C = r.cluster;
  if (!C) return '';
  const head = ['msg/s (total)', 'pass', 'v→s p50 / p99 / max', 's→v p99', 'lost', 'dup', 'why'];
  return `## Scale-out: ${C.nodes} processes on PostgreSQL + Redis

Parley as \`${C.nodes}\` processes (the same bundle) on one PostgreSQL schema and one Redis, all on this machine with the
generators. Visitors and agents are spread over the processes round-robin, as a load balancer would, so most deliveries
cross Redis and every process's site feed puts them in cursor order. Pass = every message persisted and delivered exactly
once in both directions, p99 < ${CLUSTER_P99_MS} ms, the generators on schedule, no error frames. Per site ${VISITORS} visitors
(split across the sites' generators) and ${STAFF} agents.

${table(['', 'highest passing rate (msg/s)'], [['one site', int(C.oneSite.best)], [`${C.sites.count} sites at once (total)`, int(C.sites.best)]])}

Steps, one site:

${table(head, rows(C.oneSite.steps))}

Steps, ${C.sites.count} sites (one generator each, the rate split evenly; worst site shown):

${table(head, rows(C.sites.steps))}
`;
}
