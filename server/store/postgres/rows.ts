import type { Conversation } from '../../../protocol/index.ts';
import * as shared from '../rows.ts';
import { conversationFromRow, readCursor, type LastMessage, withTeam, withTriage } from '../snapshot.ts';

/**
 * Rows as pg returns them: BIGINT parsed to number (db.ts), JSONB and booleans already decoded. The
 * mapping to records is shared with SQLite (../rows.ts); what only PostgreSQL selects is here.
 */
export type PgEncoding = { json: unknown; bool: boolean };

export type SiteRow = shared.SiteRow<PgEncoding>;
export type VisitorRow = shared.VisitorRow<PgEncoding>;
export type MessageRow = shared.MessageRow<PgEncoding>;
export type { AttachmentRow, CannedRow, StaffRow, StaffSessionRow } from '../rows.ts';

export const { toSite, toStaff, toVisitor, toMessage, toAttachment, toCanned, toStaffSession } = shared.rowMappers<PgEncoding>({
  json: <T,>(v: unknown) => v as T,
  bool: (v) => v,
});

export const MESSAGE_COLUMNS = 'id, site_id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, attachments, note, deleted, created_at';

export interface ConversationRow extends shared.ConversationRow {
  reads_json: { kind: string; id: string; seq: number }[];
  last_json: { id: string; seq: number; kind: string; authorId: string; text: string; createdAt: number; note: boolean } | null;
}

/**
 * Selects a conversation with its read cursors and last message in one query (no N+1 round trips).
 * `forVisitorParam` is the $n placeholder of a boolean: true skips notes in lastMessage.
 */
export const conversationSelect = (forVisitorParam: string) => /* sql */ `c.*,
  COALESCE((SELECT json_agg(json_build_object('kind', r.reader_kind, 'id', r.reader_id, 'seq', r.seq) ORDER BY r.reader_kind DESC, r.reader_id)
    FROM read_cursors r WHERE r.conversation_id = c.id), '[]'::json) AS reads_json,
  (SELECT json_build_object('id', m.id, 'seq', m.seq, 'kind', m.author_kind, 'authorId', m.author_id, 'text', m.text, 'createdAt', m.created_at, 'note', m.note)
    FROM messages m WHERE m.conversation_id = c.id AND NOT m.deleted AND (NOT m.note OR NOT ${forVisitorParam})
    ORDER BY m.seq DESC LIMIT 1) AS last_json`;

/** `forVisitor`: without priority and labels (snapshot.ts withTriage); `event`: with the team (withTeam). */
export function toConversation(r: ConversationRow, forVisitor = false, event = false): Conversation {
  const l = r.last_json;
  const last: LastMessage | undefined = l
    ? { id: l.id, seq: Number(l.seq), author: shared.actor(l.kind, l.authorId), text: l.text, createdAt: Number(l.createdAt), note: l.note }
    : undefined;
  const c = conversationFromRow(r, r.reads_json.map((x) => readCursor(x.kind, x.id, x.seq)), last);
  if (forVisitor) return event ? withTeam(c, r.team_id) : c;
  return withTriage(c, r);
}
