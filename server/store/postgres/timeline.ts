import { TIMELINE_KINDS, type TimelineEvent } from '../../../protocol/index.ts';
import { q, type Pg } from './db.ts';

/** Store.timeline, as on SQLite (sqlite/timeline.ts). */
export async function timeline(
  db: Pg,
  conversationId: string,
  range: { afterSeq: number; beforeSeq: number },
  limit: number,
  forVisitor: boolean,
): Promise<TimelineEvent[]> {
  const rows = await q<{ cursor: number; payload: TimelineEvent }>(
    db.pool,
    `SELECT cursor, payload FROM events WHERE conversation_id = $1 AND seq > $2 AND seq < $3 AND (visitor_visible OR NOT $4) AND kind = ANY($5)
     ORDER BY seq LIMIT $6`,
    [conversationId, range.afterSeq, Math.min(range.beforeSeq, Number.MAX_SAFE_INTEGER), forVisitor, TIMELINE_KINDS, limit],
  );
  return rows.map((r) => ({ ...r.payload, cursor: r.cursor }));
}
