import type { ReportRange, ReportRows } from '../report-rows.ts';
import { q, type Pg } from './db.ts';

/** Store.reportRows on PostgreSQL: the same queries as SQLite (sqlite/reports.ts), through the same covering indexes (migration 19). */
export async function reportRows(db: Pg, r: ReportRange): Promise<ReportRows> {
  const args = [r.siteId, r.from, r.to, r.tzOffset * 60_000];
  const [openedByDay, resolves, firstResponses, ratings] = await Promise.all([
    q<{ day: number; n: number }>(
      db.pool,
      `SELECT ((created_at + $4) / 86400000)::int AS day, COUNT(*)::int AS n FROM conversations
       WHERE site_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1 ORDER BY 1`,
      args,
    ),
    q<ReportRows['resolves'][number]>(
      db.pool,
      `SELECT ((resolved_at + $4) / 86400000)::int AS day, (resolved_at - created_at)::bigint AS "afterMs", resolved_by AS "staffId" FROM conversations
       WHERE site_id = $1 AND resolved_at >= $2 AND resolved_at < $3`,
      args,
    ),
    q<ReportRows['firstResponses'][number]>(
      db.pool,
      `SELECT (first_reply_at - created_at)::bigint AS "afterMs", first_reply_by AS "staffId", created_at AS "openedAt" FROM conversations
       WHERE site_id = $1 AND created_at >= $2 AND created_at < $3 AND first_reply_at IS NOT NULL`,
      args.slice(0, 3),
    ),
    q<ReportRows['ratings'][number]>(
      db.pool,
      `SELECT rating_score AS score, assignee_id AS "assigneeId" FROM conversations
       WHERE site_id = $1 AND rating_changed_at >= $2 AND rating_changed_at < $3`,
      args.slice(0, 3),
    ),
  ]);
  return { openedByDay, resolves, firstResponses, ratings };
}
