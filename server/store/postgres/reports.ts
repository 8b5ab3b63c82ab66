import type { FirstReply, MiddleRow, ReportRange, ReportRows } from '../report-rows.ts';
import { q, type Pg } from './db.ts';

/**
 * Store.reportRows on PostgreSQL: the same figures as SQLite (sqlite/reports.ts), through the same
 * covering indexes (migration 19), in parallel on the pool; counts are GROUP BYs (hash aggregates)
 * and the medians' middle values window functions, so a few rows come back.
 */
const DAY_OF = (col: string) => `((${col} + $4) / 86400000)::int`;
const IN_RANGE = (col: string) => `site_id = $1 AND ${col} >= $2 AND ${col} < $3`;

export async function reportRows(db: Pg, r: ReportRange): Promise<ReportRows> {
  const args = [r.siteId, r.from, r.to, r.tzOffset * 60_000];
  const all = <T extends object>(sql: string, withShift = false) => q<T>(db.pool, sql, withShift ? args : args.slice(0, 3));
  const [openedByDay, resolvedByDay, resolvedByAgent, firstResponse, resolution, ratings] = await Promise.all([
    all<{ day: number; n: number }>(`SELECT ${DAY_OF('created_at')} AS day, COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('created_at')} GROUP BY 1 ORDER BY 1`, true),
    all<{ day: number; n: number }>(`SELECT ${DAY_OF('resolved_at')} AS day, COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('resolved_at')} GROUP BY 1 ORDER BY 1`, true),
    all<{ staffId: string; n: number }>(`SELECT resolved_by AS "staffId", COUNT(*)::int AS n FROM conversations WHERE ${IN_RANGE('resolved_at')} GROUP BY 1`),
    all<MiddleRow>(
      middleRowsSql(`SELECT first_reply_by AS staffId, (first_reply_at - created_at)::float8 AS ms FROM conversations WHERE ${IN_RANGE('created_at')} AND first_reply_at IS NOT NULL`, true),
    ),
    all<MiddleRow>(middleRowsSql(`SELECT resolved_by AS staffId, (resolved_at - created_at)::float8 AS ms FROM conversations WHERE ${IN_RANGE('resolved_at')}`, false)),
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

/**
 * SQL (window functions) for the middle rows of `ms` in `source` (a subquery with
 * columns staffId, ms), overall and, with `perAgent`, per staffId: the rows numbered (n + 1) / 2 and
 * (n + 2) / 2 in order, integer division (the same row when n is odd).
 */
function middleRowsSql(source: string, perAgent: boolean): string {
  const middle = (partition: string, staff: string) =>
    `SELECT ${staff} AS "staffId", ms, n FROM (SELECT staffId, ms, ROW_NUMBER() OVER (${partition} ORDER BY ms) AS rn, COUNT(*) OVER (${partition}) AS n FROM d) x
     WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2`;
  return `WITH d AS (${source}) ${middle('', 'NULL')}${perAgent ? ` UNION ALL ${middle('PARTITION BY staffId', 'staffId')}` : ''}`;
}
