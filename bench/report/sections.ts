import { int, kib, mib, ms, ratio, table } from '../lib/format.ts';
import { LATENCY_RATES, STAFF, STAFF_EVERY, VISITORS } from '../scenarios/latency.ts';
import { P99_LIMIT_MS } from '../scenarios/max-rate.ts';
import type { BenchResults } from './results.ts';

/** One Markdown section per scenario; each returns '' when the scenario did not run. */

export function latencySection(r: BenchResults): string {
  const L = r.latency;
  if (!L) return '';
  const rows: (string | number)[][] = [];
  for (const rate of LATENCY_RATES) {
    const p = L.parley?.[rate];
    const s = L.socketio?.[rate];
    for (const dir of ['visitorToStaff', 'staffToVisitor'] as const) {
      const a = p?.[dir];
      const b = s?.[dir];
      rows.push([
        int(rate),
        dir === 'visitorToStaff' ? 'visitor → staff' : 'staff → visitor',
        `${ms(a?.p50)} / ${ms(a?.p95)} / ${ms(a?.p99)} / ${ms(a?.max)}`,
        `${ms(b?.p50)} / ${ms(b?.p95)} / ${ms(b?.p99)} / ${ms(b?.max)}`,
        ratio(a?.p99, b?.p99),
      ]);
    }
    rows.push([int(rate), 'lost / duplicated', `${int(p?.lost)} / ${int(p?.duplicated)}`, `${int(s?.lost)} / ${int(s?.duplicated)}`, '']);
  }
  return `## Delivery latency at fixed rates

${VISITORS} visitors and ${STAFF} staff connections in one generator process; open-loop schedule; one message in
${STAFF_EVERY} is a staff reply to a visitor, the rest are visitor messages that must reach both staff connections.
Latency is measured from the send to the receipt in the same process (ms; p50 / p95 / p99 / max; the first
second of each rate is warm-up and not measured, but must still be delivered).

${table(['msg/s', 'direction', 'Parley', 'Socket.IO', 'p99 Parley ÷ Socket.IO'], rows)}
`;
}

export function maxRateSection(r: BenchResults): string {
  const M = r.maxRate;
  if (!M) return '';
  const parts = [`## Highest sustained rate

Pass = every message persisted and delivered exactly once, p99 < ${P99_LIMIT_MS} ms in both directions, the generator
on schedule (send lag p99 < ${P99_LIMIT_MS} ms), no error frames. Rates double until a step fails, then bisect.

${table(['', 'Parley', 'Socket.IO', 'Parley ÷ Socket.IO'], [['highest passing rate (msg/s)', int(M.parley?.best), int(M.socketio?.best), ratio(M.parley?.best, M.socketio?.best)]])}
`];
  for (const kind of r.targets) {
    const m = M[kind];
    if (!m) continue;
    parts.push(`Steps, ${kind}:

${table(
  ['msg/s', 'pass', 'v→s p50 / p99 / max', 's→v p99', 'send lag p99', 'lost', 'dup', 'why'],
  m.steps.map((s) => [
    int(s.rate),
    s.pass ? 'yes' : 'no',
    `${ms(s.result.visitorToStaff.p50)} / ${ms(s.result.visitorToStaff.p99)} / ${ms(s.result.visitorToStaff.max)}`,
    ms(s.result.staffToVisitor.p99),
    ms(s.result.sendLag.p99),
    int(s.result.lost),
    int(s.result.duplicated),
    s.why,
  ]),
)}
`);
  }
  return parts.join('\n');
}

export function idleSection(r: BenchResults): string {
  const I = r.idle;
  if (!I) return '';
  const counts = [...new Set([...(I.parley?.steps ?? []), ...(I.socketio?.steps ?? [])].map((s) => s.sockets))].sort((a, b) => a - b);
  const find = (kind: 'parley' | 'socketio', n: number) => I[kind]?.steps.find((s) => s.sockets === n);
  return `## Idle connections

Server RSS (MiB, read after a full GC) with idle visitor sockets (each with its own token and hello done; every token
is fetched before the first socket opens, so Parley's stored visitor sessions are in the baseline), and per socket
((RSS − RSS before any socket) ÷ sockets, KiB; in parentheses the marginal cost, RSS growth ÷ sockets added since the
previous step, where fixed costs such as heap reservations cancel out). Baseline RSS: Parley ${mib(I.parley?.baseRssBytes)} MiB, Socket.IO ${mib(I.socketio?.baseRssBytes)} MiB.

${table(
  ['sockets', 'Parley RSS', 'Parley KiB/socket (marginal)', 'Socket.IO RSS', 'Socket.IO KiB/socket (marginal)', 'per socket Parley ÷ Socket.IO'],
  counts.map((n) => {
    const p = find('parley', n);
    const s = find('socketio', n);
    return [
      int(n),
      mib(p?.rssBytes),
      p ? `${kib(p.perSocketBytes)} (${kib(p.marginalBytes)})` : '–',
      mib(s?.rssBytes),
      s ? `${kib(s.perSocketBytes)} (${kib(s.marginalBytes)})` : '–',
      p && s && p.perSocketBytes > 0 && s.perSocketBytes > 0 ? ratio(p.perSocketBytes, s.perSocketBytes) : '–',
    ];
  }),
)}

Cost of one more socket (RSS growth from the first to the last step ÷ sockets added): Parley **${kib(I.parley?.slopeBytes)} KiB**,
Socket.IO **${kib(I.socketio?.slopeBytes)} KiB** (${ratio(I.parley?.slopeBytes, I.socketio?.slopeBytes)}).
${(['parley', 'socketio'] as const)
  .flatMap((k) => (I[k]?.steps ?? []).filter((s) => s.failed).map((s) => `- ${k}: ${s.failed} of ${s.sockets + s.failed} connections failed at this step: ${JSON.stringify(s.reasons)}`))
  .join('\n')}
`;
}

export function stormSection(r: BenchResults): string {
  const S = r.storm;
  if (!S) return '';
  const row = (label: string, f: (k: 'parley' | 'socketio') => string) => [label, f('parley'), f('socketio')];
  const g = (k: 'parley' | 'socketio') => S[k];
  return `## Reconnect storm

Every visitor socket drops at once; each reconnects after a random delay within ${int(g('parley')?.spreadMs ?? g('socketio')?.spreadMs)} ms (then backoff on
failure) and resumes, while one agent keeps replying to the visitors at ${int(g('parley')?.staffRate ?? g('socketio')?.staffRate)} msg/s. Every reply must
reach its visitor exactly once, live or replayed. The Socket.IO design has no resume: replies sent while a visitor is
away are lost (its clients would have to reload history over REST).

${table(['', 'Parley', 'Socket.IO'], [
  row('clients', (k) => int(g(k)?.clients)),
  row('reconnect → resumed p50 / p99 / max (ms)', (k) => `${ms(g(k)?.resume.p50)} / ${ms(g(k)?.resume.p99)} / ${ms(g(k)?.resume.max)}`),
  row('drop → last client resumed (ms)', (k) => ms(g(k)?.fromDrop.max)),
  row('clients that never resumed (8 attempts or 60 s)', (k) => `${int(g(k)?.failed)}${g(k)?.failed ? `: ${JSON.stringify(g(k)?.reasons)}` : ''}`),
  row('events replayed on resume', (k) => int(g(k)?.replayed)),
  row('replies processed by the server / lost / duplicated', (k) => `${int(g(k)?.expected)} / ${int(g(k)?.lost)} / ${int(g(k)?.duplicated)}`),
  row('agent socket closed by the server / replies it could not send meanwhile', (k) =>
    `${int(g(k)?.staffReconnects)}${g(k)?.staffReconnects ? ` (${JSON.stringify(g(k)?.errors)})` : ''} / ${int(g(k)?.staffUnsent)}`),
  row('server backlog after sending stopped (ms until every reply was processed)', (k) => `${ms(g(k)?.settleMs)}${g(k)?.unprocessed ? ` (${int(g(k)?.unprocessed)} never processed)` : ''}`),
])}
`;
}

export function widgetSection(r: BenchResults): string {
  const W = r.widget;
  if (!W) return '';
  if (W.skipped && !W.files) return `## Widget\n\nSkipped: ${W.skipped}\n`;
  return `## Widget

${table(['file', 'bytes', 'gzip -9 bytes'], (W.files ?? []).map((f) => [f.name, int(f.bytes), int(f.gzipBytes)]))}

Loader (widget.js) gzipped: **${int(W.loaderGzipBytes)} B**; loader + UI (every .js in dist/widget except the *.esm.js npm build): **${int(W.uiGzipBytes)} B**.
${W.launcherMs ? `Navigation start → launcher on screen (Chromium, cold cache, host page at the site's origin): median **${ms(W.launcherMedianMs)} ms** (runs: ${W.launcherMs.map(ms).join(', ')}).` : W.skipped ?? ''}
`;
}

export function dashboardSection(r: BenchResults): string {
  const D = r.dashboard;
  if (!D) return '';
  if (D.skipped) return `## Dashboard\n\nSkipped: ${D.skipped}\n`;
  return `## Dashboard

Inbox of ${int(D.conversations)} conversations (seeded through the store in ${int(D.seedMs)} ms). Login submit → first inbox row
visible: **${int(D.loginToFirstRowMs)} ms**. Reload (session kept) navigation start → first inbox row visible: median
**${ms(D.reloadMedianMs)} ms** (runs: ${(D.reloadToFirstRowMs ?? []).map(ms).join(', ')}).
`;
}

export function reportsSection(r: BenchResults): string {
  const R = r.reports;
  if (!R) return '';
  return `## Reports

${int(R.conversations)} conversations over a year (seeded through the store in ${int(R.seedMs)} ms: visitor messages, replies by five
agents, resolves, ratings). One admin report (opened/resolved per day, medians, CSAT, per agent), median of five runs:
last 30 days **${ms(R.monthMs)} ms**, the whole year **${ms(R.yearMs)} ms** (it counted ${int(R.yearOpened)} conversations).
${
  R.postgres
    ? `On PostgreSQL, the same year made in SQL (generate_series, ${int(R.postgres.seedMs)} ms): last 30 days **${ms(R.postgres.monthMs)} ms**, the whole year **${ms(R.postgres.yearMs)} ms** (${int(R.postgres.yearOpened)} conversations).\n`
    : R.postgresError
      ? `PostgreSQL was not measured: ${R.postgresError}\n`
      : ''
}`;
}

export function profileSection(r: BenchResults): string {
  const P = r.profile;
  if (!P) return '';
  const parts = [`## Where the server CPU goes (node --cpu-prof, above the sustainable rate)

Self time per function over the server's whole life (start-up included). The raw profiles are kept in
bench/.out/<target>.cpuprofile for a flame graph (Chrome DevTools > Performance > Load profile, or speedscope).
`];
  for (const kind of r.targets) {
    const p = P[kind];
    if (!p?.summary) continue;
    parts.push(`${kind} at ${int(p.rate)} msg/s for ${ms(p.summary.totalMs / 1000)} s (v→s p99 ${ms(p.step.visitorToStaff.p99)} ms, lost ${int(p.step.lost)}):

${table(['origin', 'self ms', '%'], p.summary.byOrigin.map((o) => [o.origin, int(o.selfMs), o.pct.toFixed(1)]))}

${table(['function', 'where', 'self ms', '%'], p.summary.topFunctions.map((f) => [`\`${f.name}\``, f.where, int(f.selfMs), f.pct.toFixed(1)]))}
`);
  }
  return parts.join('\n');
}

export function uploadSection(r: BenchResults): string {
  const U = r.upload;
  if (!U) return '';
  return `## Uploads

Server memory while ${mib(U.fileBytes)} MiB uploads arrive (multipart, streamed to disk): the kernel's peak RSS (VmHWM, reset before
each step) minus RSS before the step, divided by the uploads running at once. Baseline RSS ${mib(U.baseRssBytes)} MiB. Marginal cost of one
more upload at once ((growth with 8 − growth with 1) ÷ 7; the first upload's figure also holds V8's young-generation growth, which the
others share): **${(U.marginalBytes / 2 ** 20).toFixed(2)} MiB**. Before uploads were streamed, one 10 MiB upload took 32-35 MiB and eight took RSS from 211 to 471 MiB.

${table(
  ['uploads at once', 'peak RSS (MiB)', 'memory per upload (MiB)', 'time (ms)'],
  U.steps.map((s) => [int(s.concurrent), mib(s.peakRssBytes), (s.perUploadBytes / 2 ** 20).toFixed(2), int(s.ms)]),
)}
`;
}
