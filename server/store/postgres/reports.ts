import type { FirstReply, MiddleRow, ReportRange, ReportRows } from '../report-rows.ts';
import { q, type Pg } from './db.ts';

/**
 * Store.reportRows on PostgreSQL: the same figures as SQLite (sqlite/reports.ts), through the same
 * covering indexes (migration 20), in parallel on the pool; counts are GROUP BYs (hash aggregates) and
 * medians percentile_cont over a ROLLUP (one sort per figure; window functions for the middle values
 * sorted twice and took twice as long), so a few rows come back.
 */
const DAY_OF = (col: string) => `((${col} + $4) / 86400000)::int`;
const IN_RANGE = (col: string) => `site_id = $1 AND ${col} >= $2 AND ${col} < $3`;
/**
 * The median itself, as the one middle value of its group (report-rows.ts MiddleRow): percentile_cont
 * takes the mean of the two middle values for an even count, as the domain would. With GROUP BY ROLLUP
 * the group of all of them is the row whose staff id is NULL (no staff id is).
 */
const MEDIAN = (ms: string) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ms}) AS ms, COUNT(*)::int AS n`;

export async function reportRows(db: Pg, r: ReportRange): Promise<ReportRows> {
  const args = [r.siteId, r.from, r.to, r.tzOffset * 60_000];
  const all = <T extends object>(sql: string, withShift = false) => q<T>(db.pool, sql, withShift ? args : args.slice(0, 3));
  const [openedByDay, resolvedByDay, resolvedByAgent, firstResponse, resolution, ratings] = await Promise.all([
    all<{ day: number; n: number }>(`SELECT ${DAY_OF('created_at')} AS day, COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('created_at')} GROUP BY 1 ORDER BY 1`, true),
    all<{ day: number; n: number }>(`SELECT ${DAY_OF('resolved_at')} AS day, COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('resolved_at')} GROUP BY 1 ORDER BY 1`, true),
    all<{ staffId: string; n: number }>(`SELECT resolved_by AS "staffId", COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('resolved_at')} GROUP BY 1`),
    all<MiddleRow>(
      `SELECT first_reply_by AS "staffId", ${MEDIAN('first_reply_at - created_at')} FROM conversations
       WHERE ${IN_RANGE('created_at')} AND first_reply_at IS NOT NULL GROUP BY ROLLUP (first_reply_by) HAVING COUNT(*) > 0`,
    ),
    all<MiddleRow>(`SELECT NULL AS "staffId", ${MEDIAN('resolved_at - created_at')} FROM conversations WHERE ${IN_RANGE('resolved_at')} HAVING COUNT(*) > 0`),
    all<{ assigneeId: string | null; score: number; n: number }>(
      `SELECT assignee_id AS "assigneeId", rating_score AS score, COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('rating_changed_at')} GROUP BY 1, 2`,
    ),
  ]);
  return { openedByDay, resolvedByDay, resolvedByAgent, firstResponse, resolution, ratings };
}

/** Store.firstReplies on PostgreSQL. */
export async function firstReplies(db: Pg, r: Omit<ReportRange, 'tzOffset'>): Promise<FirstReply[]> {
  return q<FirstReply>(
    db.pool,
    `SELECT (first_reply_at - created_at)::float8 AS "afterMs", created_at::float8 AS "openedAt" FROM conversations WHERE ${IN_RANGE('created_at')} AND first_reply_at IS NOT NULL`,
    [r.siteId, r.from, r.to],
  );
}
