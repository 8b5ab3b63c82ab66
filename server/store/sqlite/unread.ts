import type { UnreadSnapshot } from '../store.ts';
import type { Db } from './db.ts';

/**
 * Unread = messages from the other side above my read cursor, not deleted (and, for the visitor,
 * not notes). For staff it is a difference of two counters, so it costs the same however many
 * messages are unread: conversations.visitor_messages (live visitor messages) minus
 * read_cursors.visitor_read (live visitor messages at or below that reader's cursor). appendMessage
 * bumps the first, moveReadCursor the second, deleteMessage lowers both as the message was counted.
 * conversations.last_visitor_seq is a cheap pre-filter: only conversations whose last visitor message
 * is above the cursor are looked at.
 */
export const STAFF_UNREAD_SQL = /* sql */ `(c.visitor_messages - COALESCE(r.visitor_read, 0))`;

export function unreadForStaff(db: Db, siteId: string, staffId: string): Record<string, number> {
  const rows = db
    .st(
      `SELECT c.id AS id, ${STAFF_UNREAD_SQL} AS n
       FROM conversations c
       LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = ?
       WHERE c.site_id = ? AND c.last_visitor_seq > COALESCE(r.seq, 0)`,
    )
    .all(staffId, siteId) as { id: string; n: number }[];
  const out: Record<string, number> = {};
  for (const r of rows) if (r.n > 0) out[r.id] = r.n;
  return out;
}

/** One conversation: the counters of one row, and last_seq from the same read (see Store). */
export function unreadForStaffInConversation(db: Db, conversationId: string, staffId: string): UnreadSnapshot {
  const r = db
    .st(
      `SELECT ${STAFF_UNREAD_SQL} AS n, c.last_seq AS seq
       FROM conversations c
       LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = ?
       WHERE c.id = ?`,
    )
    .get(staffId, conversationId) as { n: number; seq: number } | undefined;
  return r ? { count: Math.max(0, r.n), seq: r.seq } : { count: 0, seq: 0 };
}

export function unreadForVisitor(db: Db, conversationId: string): number {
  const r = db
    .st(
      `SELECT COUNT(*) AS n FROM messages m
       WHERE m.conversation_id = ? AND m.author_kind = 'staff' AND m.note = 0 AND m.deleted = 0
         AND m.seq > COALESCE((SELECT seq FROM read_cursors WHERE conversation_id = ? AND reader_kind = 'visitor'), 0)`,
    )
    .get(conversationId, conversationId) as { n: number };
  return r.n;
}
