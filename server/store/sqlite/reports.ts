import type { FirstReply, MiddleRow, ReportRange, ReportRows } from '../report-rows.ts';
import type { Db } from './db.ts';
import { registerReportAggregates } from './report-aggregates.ts';

/**
 * Store.reportRows on SQLite: one pass over each of three index ranges, each index holding every
 * column its query reads (migration 24), so no conversation row and no message is read:
 * conversations by (site_id, created_at) with the first staff reply (kept on the conversation:
 * append.ts), by (site_id, resolved_at) with the creation time and the resolver, by (site_id,
 * rating_changed_at) with the score and assignee. The counts and the medians' middle values are
 * aggregate functions (report-aggregates.ts): nothing is sorted by SQLite and a handful of values
 * comes back (bench/findings.md #10).
 */
const DAY_OF = (col: string) => `CAST((${col} + @shift) / 86400000 AS INTEGER)`;
const IN_RANGE = (col: string) => `site_id = @siteId AND ${col} >= @from AND ${col} < @to`;

export function reportRows(db: Db, r: ReportRange): ReportRows {
  registerReportAggregates(db.raw);
  const p = { siteId: r.siteId, from: r.from, to: r.to, shift: r.tzOffset * 60_000 };
  // One row of JSON columns, one per aggregate.
  const one = (sql: string) => (db.st(sql).raw(true).get(p) as (string | null)[]).map((json) => JSON.parse(json ?? '[]'));
  const [opened, firstResponse] = one(
    `SELECT parley_counts(${DAY_OF('created_at')}), parley_middles(first_reply_by, first_reply_at - created_at) FROM conversations WHERE ${IN_RANGE('created_at')}`,
  );
  const [resolvedDays, resolvers, resolution] = one(
    `SELECT parley_counts(${DAY_OF('resolved_at')}), parley_counts(resolved_by), parley_middles(NULL, resolved_at - created_at) FROM conversations WHERE ${IN_RANGE('resolved_at')}`,
  );
  const [ratings] = one(`SELECT parley_counts(assignee_id, rating_score) FROM conversations WHERE ${IN_RANGE('rating_changed_at')}`);
  return {
    openedByDay: (opened as [number, number][]).map(([day, n]) => ({ day, n })).sort((a, b) => a.day - b.day),
    resolvedByDay: (resolvedDays as [number, number][]).map(([day, n]) => ({ day, n })).sort((a, b) => a.day - b.day),
    resolvedByAgent: (resolvers as [string | null, number][]).flatMap(([staffId, n]) => (staffId === null ? [] : [{ staffId, n }])),
    firstResponse: firstResponse as MiddleRow[],
    resolution: resolution as MiddleRow[],
    ratings: (ratings as [string | null, number, number][]).map(([assigneeId, score, n]) => ({ assigneeId, score, n })),
  };
}

/** Store.firstReplies on SQLite: one row per conversation opened in the range that has a staff reply. */
export function firstReplies(db: Db, r: Omit<ReportRange, 'tzOffset'>): FirstReply[] {
  return db
    .st(`SELECT first_reply_at - created_at AS afterMs, created_at AS openedAt FROM conversations WHERE ${IN_RANGE('created_at')} AND first_reply_at IS NOT NULL`)
    .all({ siteId: r.siteId, from: r.from, to: r.to }) as FirstReply[];
}
