import type { Actor, DurableEvent } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import { conversationChanges, eventNames, visibleChange, readTarget, type ChangeNames, type ConversationChanges } from '../conversation-changes.ts';
import { q1, tx, type Pg } from './db.ts';
import { loadConversation } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';
import { MESSAGE_COLUMNS, type MessageRow } from './rows.ts';
import type pg from 'pg';

/** Same semantics as sqlite/mutations.ts; each is one transaction that locks the site counter first. */

async function lockedConversation(c: pg.PoolClient, id: string) {
  const site = await q1<{ site_id: string }>(c, 'SELECT site_id FROM conversations WHERE id = $1', [id]);
  if (!site) throw new ParleyError('not_found', 'Unknown conversation.');
  await lockCounters(c, [site.site_id]);
  return (await q1<{
    id: string;
    site_id: string;
    status: string;
    assignee_id: string | null;
    snoozed_until: number | null;
    resolved_at: number | null;
    resolved_by: string | null;
    snoozed_by: string | null;
    last_message_seq: number;
  }>(
    c,
    'SELECT id, site_id, status, assignee_id, snoozed_until, resolved_at, resolved_by, snoozed_by, team_id, last_message_seq FROM conversations WHERE id = $1 FOR UPDATE',
    [id],
  ))!;
}

export function deleteMessage(db: Pg, input: { conversationId: string; messageId: string; by: Actor; at: number }): Promise<DurableEvent | null> {
  return tx(db.pool, async (c) => {
    const conv = await lockedConversation(c, input.conversationId);
    const m = await q1<MessageRow>(c, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1 AND conversation_id = $2 FOR UPDATE`, [
      input.messageId,
      input.conversationId,
    ]);
    if (!m) throw new ParleyError('not_found', 'Unknown message.');
    if (m.deleted) return null;
    await c.query(`UPDATE messages SET text = '', attachments = '[]', deleted = true WHERE id = $1`, [m.id]);
    // Its message.created event is the row itself (events.ts), so replay shows the tombstone too.
    await c.query('DELETE FROM attachments WHERE message_id = $1', [m.id]);
    const at = await nextSeq(c, conv.id, !m.note);
    return insertEvent(c, conv.site_id, { kind: 'message.deleted', conversationId: conv.id, ...at, cursor: 0, messageId: m.id, by: input.by }, !m.note, input.at);
  });
}

export function moveReadCursor(db: Pg, input: { conversationId: string; reader: Actor; upTo: number; at: number }): Promise<DurableEvent | null> {
  return tx(db.pool, async (c) => {
    const conv = await lockedConversation(c, input.conversationId);
    const target = readTarget(input.upTo, conv.last_message_seq);
    const cur = await q1<{ seq: number }>(c, 'SELECT seq FROM read_cursors WHERE conversation_id = $1 AND reader_kind = $2 AND reader_id = $3', [
      conv.id,
      input.reader.kind,
      input.reader.id,
    ]);
    if (target <= (cur?.seq ?? 0)) return null;
    await c.query(
      `INSERT INTO read_cursors (conversation_id, reader_kind, reader_id, seq, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id, reader_kind, reader_id) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
      [conv.id, input.reader.kind, input.reader.id, target, input.at],
    );
    const at = await nextSeq(c, conv.id, true);
    return insertEvent(c, conv.site_id, { kind: 'read.moved', conversationId: conv.id, ...at, cursor: 0, reader: input.reader, upTo: target }, true, input.at);
  });
}

export function updateConversation(
  db: Pg,
  input: { conversationId: string; changes: ConversationChanges; by: Actor; at: number; names?: ChangeNames },
): Promise<DurableEvent | null> {
  return tx(db.pool, async (c) => {
    const row = await lockedConversation(c, input.conversationId);
    const update = conversationChanges(row, input.changes, input.at, input.by);
    if (!update) return null;
    const { changes, columns } = update;
    await c.query('UPDATE conversations SET status = $2, assignee_id = $3, snoozed_until = $4, resolved_at = $5, snoozed_by = $6, resolved_by = $7, team_id = $8 WHERE id = $1', [
      row.id,
      columns.status,
      columns.assigneeId,
      columns.snoozedUntil,
      columns.resolvedAt,
      columns.snoozedBy,
      columns.resolvedBy,
      columns.teamId,
    ]);
    const visible = visibleChange(changes);
    const at = await nextSeq(c, row.id, visible);
    const conversation = (await loadConversation(c, row.id, EVENT_SNAPSHOT))!;
    return insertEvent(c, row.site_id, { kind: 'conversation.updated', conversationId: row.id, ...at, cursor: 0, conversation, changes, by: input.by, ...eventNames(input.names, changes) }, visible, input.at);
  });
}
