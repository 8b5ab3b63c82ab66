import type { Conversation, ReadCursor } from '../../../protocol/index.ts';
import type { ConversationView, VisitorSendTarget } from '../store.ts';
import { conversationFromRow, readCursor, withTeam, withTriage } from '../snapshot.ts';
import type { Db } from './db.ts';
import { toMessage, type ConversationRow, type MessageRow } from './rows.ts';

export function getConversationRow(db: Db, id: string): ConversationRow | undefined {
  return db.st('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
}

export function readsOf(db: Db, conversationId: string): ReadCursor[] {
  const rows = db.st('SELECT reader_kind, reader_id, seq FROM read_cursors WHERE conversation_id = ? ORDER BY reader_kind DESC, reader_id').all(
    conversationId,
  ) as { reader_kind: string; reader_id: string; seq: number }[];
  return rows.map((r) => readCursor(r.reader_kind, r.reader_id, r.seq));
}

/**
 * The last message that is not deleted. For a visitor's view notes are skipped too, so a staff
 * note never shows up as the preview of a visitor's conversation.
 */
export function lastMessageOf(db: Db, conversationId: string, forVisitor: boolean): Conversation['lastMessage'] {
  const r = db
    .st('SELECT * FROM messages WHERE conversation_id = ? AND deleted = 0 AND note <= ? ORDER BY seq DESC LIMIT 1')
    .get(conversationId, forVisitor ? 0 : 1) as MessageRow | undefined;
  if (!r) return undefined;
  const m = toMessage(r);
  return { id: m.id, seq: m.seq, author: m.author, text: m.text, createdAt: m.createdAt, note: m.note };
}

export function toConversation(db: Db, r: ConversationRow, view: ConversationView = {}): Conversation {
  const c = conversationFromRow(r, readsOf(db, r.id), lastMessageOf(db, r.id, view.forVisitor ?? false));
  if (view.forVisitor) return view.event ? withTeam(c, r.team_id) : c;
  return withTriage(c, r);
}

export function getConversation(db: Db, id: string, view?: ConversationView): Conversation | null {
  const r = getConversationRow(db, id);
  return r ? toConversation(db, r, view) : null;
}

/** Newest activity first. */
export function listVisitorConversations(db: Db, visitorId: string, view?: ConversationView): Conversation[] {
  const rows = db.st('SELECT * FROM conversations WHERE visitor_id = ? ORDER BY last_activity_at DESC, id DESC').all(visitorId) as ConversationRow[];
  return rows.map((r) => toConversation(db, r, view));
}

export function visitorConversationSeqs(db: Db, visitorId: string): { id: string; lastSeq: number }[] {
  return db.st('SELECT id, last_seq AS lastSeq FROM conversations WHERE visitor_id = ?').all(visitorId) as { id: string; lastSeq: number }[];
}

/** From the conversation cache where it holds the conversation (a busy one always), else one point read each. */
export function conversationAssignees(db: Db, ids: string[]): Map<string, string | null> {
  db.externalChanges.check();
  const st = db.st('SELECT assignee_id FROM conversations WHERE id = ?').pluck();
  const out = new Map<string, string | null>();
  for (const id of ids) {
    const cached = db.conversations.peek(id);
    const a = cached ? cached.assigneeId : (st.get(id) as string | null | undefined);
    if (a !== undefined) out.set(id, a);
  }
  return out;
}

export function findOpenConversation(db: Db, visitorId: string, view?: ConversationView): Conversation | null {
  const r = db
    .st(`SELECT * FROM conversations WHERE visitor_id = ? AND status <> 'resolved' ORDER BY last_activity_at DESC, id DESC LIMIT 1`)
    .get(visitorId) as ConversationRow | undefined;
  return r ? toConversation(db, r, view) : null;
}

/** Store.visitorSendTarget: from the conversation cache, else two indexed point reads. */
export function visitorSendTarget(db: Db, visitorId: string): VisitorSendTarget | null {
  return db.conversations.sendTarget(visitorId, () => loadSendTarget(db, visitorId));
}

export function loadSendTarget(db: Db, visitorId: string): VisitorSendTarget | null {
  const v = db.st('SELECT name, label FROM visitors WHERE id = ?').get(visitorId) as { name: string | null; label: string } | undefined;
  if (!v) return null;
  const c = db
    .st(`SELECT id, status FROM conversations WHERE visitor_id = ? AND status <> 'resolved' ORDER BY last_activity_at DESC, id DESC LIMIT 1`)
    .get(visitorId) as { id: string; status: Conversation['status'] } | undefined;
  return { name: v.name ?? v.label, openConversation: c ? { id: c.id, status: c.status } : null };
}
