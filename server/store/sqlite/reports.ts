import type { ReportRange, ReportRows } from '../report-rows.ts';
import type { Db } from './db.ts';

/**
 * Store.reportRows on SQLite. Each query walks one index over the range, and the index holds every
 * column it reads (migration 23), so no conversation row is read: conversations by (site_id,
 * created_at) with the first staff reply, by (site_id, resolved_at) with the creation time and the
 * resolver, by (site_id, rating_changed_at) with the score and assignee. No JSON is parsed (reading who
 * resolved from the events' payloads was most of a year's report at 100,000), no message is read (the
 * first reply as a seek into messages per conversation was 1.5 s of a year's report: bench/findings.md #10).
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
  // The first staff reply is kept on the conversation (append.ts), so this is one more range of the same index.
  const firstResponses = db
    .st(
      `SELECT first_reply_at - created_at AS afterMs, first_reply_by AS staffId, created_at AS openedAt FROM conversations
       WHERE site_id = @siteId AND created_at >= @from AND created_at < @to AND first_reply_at IS NOT NULL`,
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
