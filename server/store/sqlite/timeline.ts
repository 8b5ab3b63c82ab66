import { TIMELINE_KINDS, type TimelineEvent } from '../../../protocol/index.ts';
import type { Db } from './db.ts';

const KINDS = TIMELINE_KINDS.map((k) => `'${k}'`).join(', ');

/** Store.timeline: events rows only (messages are their own rows), through the (conversation_id, seq) index. */
export function timeline(db: Db, conversationId: string, range: { afterSeq: number; beforeSeq: number }, limit: number, forVisitor: boolean): TimelineEvent[] {
  const rows = db
    .st(
      `SELECT cursor, payload FROM events WHERE conversation_id = ? AND seq > ? AND seq < ? AND visitor_visible >= ? AND kind IN (${KINDS})
       ORDER BY seq LIMIT ?`,
    )
    .all(conversationId, range.afterSeq, Math.min(range.beforeSeq, Number.MAX_SAFE_INTEGER), forVisitor ? 1 : 0, limit) as { cursor: number; payload: string }[];
  return rows.map((r) => ({ ...(JSON.parse(r.payload) as TimelineEvent), cursor: r.cursor }));
}
