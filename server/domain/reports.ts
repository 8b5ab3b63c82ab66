import type { AgentReport, CsatStats, DurationStats, Report } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { ReportRows } from '../store/report-rows.ts';
import { requireAdmin } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';

const DAY = 86_400_000;

/**
 * Reports for admins: opened and resolved per day, median first response and resolution time, CSAT,
 * per agent, over [from, to). The store reads the rows through indexes (report-rows.ts); the
 * arithmetic is here, once for both dialects.
 */
export async function siteReport(ctx: DomainContext, p: Principal, q: { from: number; to: number; tzOffset?: number }): Promise<Report> {
  const admin = requireAdmin(p, 'Reports');
  const tzOffset = q.tzOffset ?? 0;
  if (!(q.to > q.from)) fail('bad_request', 'to must be after from.');
  const maxDays = ctx.config.maxReportDays;
  if (q.to - q.from > maxDays * DAY) fail('bad_request', `A report covers at most ${maxDays} days.`);
  const rows = await ctx.store.reportRows({ siteId: admin.siteId, from: q.from, to: q.to, tzOffset });
  const staff = await ctx.store.listStaff(admin.siteId);
  return buildReport(rows, q.from, q.to, tzOffset, new Map(staff.map((s) => [s.id, s.name])));
}

export function buildReport(rows: ReportRows, from: number, to: number, tzOffset: number, names: Map<string, string>): Report {
  const shift = tzOffset * 60_000;
  const firstDay = Math.floor((from + shift) / DAY);
  const lastDay = Math.floor((to - 1 + shift) / DAY);
  const opened = new Map(rows.openedByDay.map((r) => [Number(r.day), Number(r.n)]));
  const resolvedByDay = new Map<number, number>();
  for (const r of rows.resolves) resolvedByDay.set(Number(r.day), (resolvedByDay.get(Number(r.day)) ?? 0) + 1);
  const days: Report['days'] = [];
  for (let d = firstDay; d <= lastDay; d++) days.push({ day: new Date(d * DAY).toISOString().slice(0, 10), opened: opened.get(d) ?? 0, resolved: resolvedByDay.get(d) ?? 0 });

  const agentIds = new Set<string>([...rows.resolves.map((r) => r.staffId), ...rows.firstResponses.map((r) => r.staffId)]);
  for (const r of rows.ratings) if (r.assigneeId) agentIds.add(r.assigneeId);
  const agents: AgentReport[] = [...agentIds]
    .filter((id) => names.has(id))
    .map((staffId) => {
      const { distribution: _d, ...csat } = csatOf(rows.ratings.filter((r) => r.assigneeId === staffId).map((r) => r.score));
      return {
        staffId,
        name: names.get(staffId)!,
        resolved: rows.resolves.filter((r) => r.staffId === staffId).length,
        firstResponse: durations(rows.firstResponses.filter((r) => r.staffId === staffId).map((r) => Number(r.afterMs))),
        csat,
      };
    })
    .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name));

  return {
    from,
    to,
    days,
    totals: { opened: days.reduce((n, d) => n + d.opened, 0), resolved: rows.resolves.length },
    firstResponse: durations(rows.firstResponses.map((r) => Number(r.afterMs))),
    resolution: durations(rows.resolves.map((r) => Number(r.afterMs))),
    csat: csatOf(rows.ratings.map((r) => Number(r.score))),
    agents,
  };
}

/** The median (the mean of the middle two for an even count), in whole ms. */
export function durations(values: number[]): DurationStats {
  if (values.length === 0) return { medianMs: null, count: 0 };
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs: Math.round(median), count: values.length };
}

export function csatOf(scores: number[]): CsatStats {
  const distribution: CsatStats['distribution'] = [0, 0, 0, 0, 0];
  for (const s of scores) distribution[s - 1]++;
  const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
  return { average, count: scores.length, distribution };
}
