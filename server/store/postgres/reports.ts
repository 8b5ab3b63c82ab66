import type { ReportRange, ReportRows } from '../report-rows.ts';
import { q, type Pg } from './db.ts';

/** Store.reportRows on PostgreSQL: the same queries as SQLite (sqlite/reports.ts), through the same indexes. */
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
      `SELECT (f.created_at - c.created_at)::bigint AS "afterMs", f.author_id AS "staffId", c.created_at AS "openedAt" FROM conversations c
       CROSS JOIN LATERAL (SELECT m.created_at, m.author_id FROM messages m
         WHERE m.conversation_id = c.id AND m.author_kind = 'staff' AND NOT m.note ORDER BY m.seq LIMIT 1) f
       WHERE c.site_id = $1 AND c.created_at >= $2 AND c.created_at < $3`,
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
