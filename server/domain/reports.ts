import type { AgentReport, CsatStats, DurationStats, Report } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { MiddleRow, ReportRows } from '../store/report-rows.ts';
import { requireAdmin } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';

const DAY = 86_400_000;

/**
 * Reports for admins: opened and resolved per day, median first response and resolution time, CSAT,
 * per agent, over [from, to). The store aggregates through covering indexes (report-rows.ts: counts
 * and the medians' middle values); the arithmetic left is here, once for both dialects.
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
  const perDay = (list: { day: number; n: number }[]) => new Map(list.map((r) => [Number(r.day), Number(r.n)]));
  const opened = perDay(rows.openedByDay);
  const resolved = perDay(rows.resolvedByDay);
  const days: Report['days'] = [];
  for (let d = firstDay; d <= lastDay; d++) days.push({ day: new Date(d * DAY).toISOString().slice(0, 10), opened: opened.get(d) ?? 0, resolved: resolved.get(d) ?? 0 });

  const resolvedBy = new Map(rows.resolvedByAgent.map((r) => [r.staffId, Number(r.n)]));
  const agentIds = new Set<string>([...resolvedBy.keys(), ...rows.firstResponse.flatMap((r) => (r.staffId === null ? [] : [r.staffId]))]);
  for (const r of rows.ratings) if (r.assigneeId) agentIds.add(r.assigneeId);
  const agents: AgentReport[] = [...agentIds]
    .filter((id) => names.has(id))
    .map((staffId) => {
      const { distribution: _d, ...csat } = csatOfCounts(rows.ratings.filter((r) => r.assigneeId === staffId));
      return { staffId, name: names.get(staffId)!, resolved: resolvedBy.get(staffId) ?? 0, firstResponse: medianOf(rows.firstResponse, staffId), csat };
    })
    .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name));

  return {
    from,
    to,
    days,
    totals: { opened: days.reduce((n, d) => n + d.opened, 0), resolved: rows.resolvedByAgent.reduce((n, r) => n + Number(r.n), 0) },
    firstResponse: medianOf(rows.firstResponse, null),
    resolution: medianOf(rows.resolution, null),
    csat: csatOfCounts(rows.ratings),
    agents,
  };
}

/** A group's median from its middle rows (report-rows.ts: one value for an odd count, two for an even one), in whole ms. */
export function medianOf(rows: MiddleRow[], staffId: string | null): DurationStats {
  const middle = rows.filter((r) => r.staffId === staffId);
  if (middle.length === 0) return { medianMs: null, count: 0 };
  return { medianMs: Math.round(middle.reduce((sum, r) => sum + Number(r.ms), 0) / middle.length), count: Number(middle[0].n) };
}

/** CSAT from counts per score. */
export function csatOfCounts(counts: { score: number; n: number }[]): CsatStats {
  const distribution: CsatStats['distribution'] = [0, 0, 0, 0, 0];
  let sum = 0;
  let count = 0;
  for (const c of counts) {
    distribution[Number(c.score) - 1] += Number(c.n);
    sum += Number(c.score) * Number(c.n);
    count += Number(c.n);
  }
  return { average: count ? Math.round((sum / count) * 100) / 100 : null, count, distribution };
}

