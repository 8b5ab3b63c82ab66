import type { Actor, DurableEvent } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { conversationChanges, eventNames, visibleChange, readTarget, type ChangeNames, type ConversationChanges } from '../conversation-changes.ts';
import type { Db } from './db.ts';
import { getConversation, getConversationRow } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';
import type { ConversationRow, MessageRow } from './rows.ts';

/**
 * The durable writes other than appendMessage. Each is one direct transaction: they are rare next
 * to messages, so group commit would buy nothing. Unknown conversation or message: not_found.
 */

/**
 * Every mutation here writes the conversation row (its seq counter at least), so it drops the
 * append path's cached copy first (see conversation-cache.ts).
 */
function conversationOrThrow(db: Db, id: string): ConversationRow {
  db.conversations.forget(id);
  const row = getConversationRow(db, id);
  if (!row) throw new ParleyError('not_found', 'Unknown conversation.');
  return row;
}

/**
 * Tombstones a message: text emptied, attachments dropped (their records go, so they are no longer
 * served). Its message.created event is the row itself (events.ts), so replay shows the tombstone too.
 * Null when the message was already deleted.
 */
export function deleteMessage(db: Db, input: { conversationId: string; messageId: string; by: Actor; at: number }): DurableEvent | null {
  return db.raw.transaction((): DurableEvent | null => {
    const conv = conversationOrThrow(db, input.conversationId);
    const m = db.st('SELECT * FROM messages WHERE id = ? AND conversation_id = ?').get(input.messageId, input.conversationId) as
      | MessageRow
      | undefined;
    if (!m) throw new ParleyError('not_found', 'Unknown message.');
    if (m.deleted) return null;
    db.st(`UPDATE messages SET text = '', attachments = '[]', deleted = 1 WHERE pk = ?`).run(m.pk);
    if (m.author_kind === 'visitor') {
      // Unread counters (unread.ts): one live visitor message fewer, and fewer read by whoever had read it.
      db.st('UPDATE conversations SET visitor_messages = visitor_messages - 1 WHERE id = ?').run(conv.id);
      db.st('UPDATE read_cursors SET visitor_read = visitor_read - 1 WHERE conversation_id = ? AND seq >= ?').run(conv.id, m.seq);
    }
    db.st('DELETE FROM attachments WHERE message_id = ?').run(m.id);
    const visible = m.note === 0;
    const at = nextSeq(db, conv.id, visible);
    return insertEvent(
      db,
      conv.site_id,
      { kind: 'message.deleted', conversationId: conv.id, ...at, cursor: takeCursor(db, conv.site_id), messageId: m.id, by: input.by },
      visible,
      input.at,
    );
  })();
}

/**
 * Moves a reader's cursor forward, to readTarget (../conversation-changes.ts). Null when that target
 * is not ahead of the current cursor.
 */
export function moveReadCursor(db: Db, input: { conversationId: string; reader: Actor; upTo: number; at: number }): DurableEvent | null {
  return db.raw.transaction((): DurableEvent | null => {
    const conv = conversationOrThrow(db, input.conversationId);
    const target = readTarget(input.upTo, conv.last_message_seq);
    const cur = db
      .st('SELECT seq, visitor_read FROM read_cursors WHERE conversation_id = ? AND reader_kind = ? AND reader_id = ?')
      .get(conv.id, input.reader.kind, input.reader.id) as { seq: number; visitor_read: number } | undefined;
    if (target <= (cur?.seq ?? 0)) return null;
    // The unread counter (unread.ts) grows by the live visitor messages passed over: O(newly read).
    const passed = db
      .st(`SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ? AND author_kind = 'visitor' AND deleted = 0`)
      .pluck()
      .get(conv.id, cur?.seq ?? 0, target) as number;
    db.st(
      `INSERT INTO read_cursors (conversation_id, reader_kind, reader_id, seq, visitor_read, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id, reader_kind, reader_id)
       DO UPDATE SET seq = excluded.seq, visitor_read = excluded.visitor_read, updated_at = excluded.updated_at`,
    ).run(conv.id, input.reader.kind, input.reader.id, target, (cur?.visitor_read ?? 0) + passed, input.at);
    const at = nextSeq(db, conv.id, true);
    return insertEvent(
      db,
      conv.site_id,
      { kind: 'read.moved', conversationId: conv.id, ...at, cursor: takeCursor(db, conv.site_id), reader: input.reader, upTo: target },
      true,
      input.at,
    );
  })();
}

/**
 * Applies the fields that actually change; null when none does. The event carries the conversation
 * after the change (its lastMessage skips notes, because this payload is replayed to the visitor too).
 */
export function updateConversation(
  db: Db,
  input: { conversationId: string; changes: ConversationChanges; by: Actor; at: number; names?: ChangeNames },
): DurableEvent | null {
  return db.raw.transaction((): DurableEvent | null => {
    const row = conversationOrThrow(db, input.conversationId);
    const update = conversationChanges(row, input.changes, input.at, input.by);
    if (!update) return null;
    const { changes, columns } = update;
    db.st('UPDATE conversations SET status = ?, assignee_id = ?, snoozed_until = ?, resolved_at = ?, resolved_by = ?, snoozed_by = ?, team_id = ? WHERE id = ?').run(
      columns.status,
      columns.assigneeId,
      columns.snoozedUntil,
      columns.resolvedAt,
      columns.resolvedBy,
      columns.snoozedBy,
      columns.teamId,
      row.id,
    );
    const visible = visibleChange(changes);
    const at = nextSeq(db, row.id, visible);
    const conversation = getConversation(db, row.id, EVENT_SNAPSHOT)!;
    return insertEvent(
      db,
      row.site_id,
      { kind: 'conversation.updated', conversationId: row.id, ...at, cursor: takeCursor(db, row.site_id), conversation, changes, by: input.by, ...eventNames(input.names, changes) },
      visible,
      input.at,
    );
  })();
}
