import type { ReportRange, ReportRows } from '../report-rows.ts';
import type { Db } from './db.ts';

/**
 * Store.reportRows on SQLite. Each query walks one index over the range: conversations by
 * (site_id, created_at), (site_id, resolved_at) and (site_id, rating_changed_at); the first staff
 * reply of each conversation is one seek into messages by (conversation_id, seq). No JSON is parsed
 * (reading who resolved from the events' payloads was most of a year's report at 100,000).
 */
export function reportRows(db: Db, r: ReportRange): ReportRows {
  const shift = r.tzOffset * 60_000;
  const p = { siteId: r.siteId, from: r.from, to: r.to, shift };
  const openedByDay = db
    .st(
      `SELECT CAST((created_at + @shift) / 86400000 AS INTEGER) AS day, COUNT(*) AS n FROM conversations
       WHERE site_id = @siteId AND created_at >= @from AND created_at < @to GROUP BY day ORDER BY day`,
    )
    .all(p) as { day: number; n: number }[];
  const resolves = db
    .st(
      `SELECT CAST((resolved_at + @shift) / 86400000 AS INTEGER) AS day, resolved_at - created_at AS afterMs, resolved_by AS staffId FROM conversations
       WHERE site_id = @siteId AND resolved_at >= @from AND resolved_at < @to`,
    )
    .all(p) as ReportRows['resolves'];
  // The first staff reply of each conversation: one seek into messages by (conversation_id, seq).
  const firstResponses = db
    .st(
      `SELECT m.created_at - c.created_at AS afterMs, m.author_id AS staffId, c.created_at AS openedAt FROM conversations c
       JOIN messages m ON m.pk = (SELECT f.pk FROM messages f WHERE f.conversation_id = c.id AND f.author_kind = 'staff' AND f.note = 0 ORDER BY f.seq LIMIT 1)
       WHERE c.site_id = @siteId AND c.created_at >= @from AND c.created_at < @to`,
    )
    .all(p) as ReportRows['firstResponses'];
  const ratings = db
    .st(
      `SELECT rating_score AS score, assignee_id AS assigneeId FROM conversations
       WHERE site_id = @siteId AND rating_changed_at >= @from AND rating_changed_at < @to`,
    )
    .all(p) as ReportRows['ratings'];
  return { openedByDay, resolves, firstResponses, ratings };
}
