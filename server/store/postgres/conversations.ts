import type { Conversation } from '../../../protocol/index.ts';
import type { ConversationView, VisitorSendTarget } from '../store.ts';
import { q, q1, type Pg, type Queryable } from './db.ts';
import { conversationSelect, toConversation, type ConversationRow } from './rows.ts';

export async function loadConversation(on: Queryable, id: string, view: ConversationView = {}): Promise<Conversation | null> {
  const r = await q1<ConversationRow>(on, `SELECT ${conversationSelect('$2')} FROM conversations c WHERE c.id = $1`, [id, view.forVisitor ?? false]);
  return r ? toConversation(r, view.forVisitor, view.event) : null;
}

export const getConversation = (db: Pg, id: string, view?: ConversationView) => loadConversation(db.pool, id, view);

export async function listVisitorConversations(db: Pg, visitorId: string, view: ConversationView = {}): Promise<Conversation[]> {
  const rows = await q<ConversationRow>(
    db.pool,
    `SELECT ${conversationSelect('$2')} FROM conversations c WHERE c.visitor_id = $1 ORDER BY c.last_activity_at DESC, c.id DESC`,
    [visitorId, view.forVisitor ?? false],
  );
  return rows.map((r) => toConversation(r, view.forVisitor));
}

export async function visitorConversationSeqs(db: Pg, visitorId: string): Promise<{ id: string; lastSeq: number }[]> {
  const rows = await q<{ id: string; last_seq: string | number }>(db.pool, 'SELECT id, last_seq FROM conversations WHERE visitor_id = $1', [visitorId]);
  return rows.map((r) => ({ id: r.id, lastSeq: Number(r.last_seq) }));
}

export async function conversationAssignees(db: Pg, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await q<{ id: string; assignee_id: string | null }>(db.pool, 'SELECT id, assignee_id FROM conversations WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, r.assignee_id]));
}

export async function findOpenConversation(db: Pg, visitorId: string, view: ConversationView = {}): Promise<Conversation | null> {
  const r = await q1<ConversationRow>(
    db.pool,
    `SELECT ${conversationSelect('$2')} FROM conversations c WHERE c.visitor_id = $1 AND c.status <> 'resolved'
     ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 1`,
    [visitorId, view.forVisitor ?? false],
  );
  return r ? toConversation(r, view.forVisitor) : null;
}

/** Store.visitorSendTarget for several visitors in one round trip (read-batch.ts), in the order asked; nothing assembled. */
export async function visitorSendTargets(db: Pg, visitorIds: string[]): Promise<(VisitorSendTarget | null)[]> {
  const rows = await q<{ id: string; name: string | null; label: string; conv_id: string | null; conv_status: Conversation['status'] | null }>(
    db.pool,
    `SELECT v.id, v.name, v.label, c.id AS conv_id, c.status AS conv_status
       FROM visitors v
       LEFT JOIN LATERAL (
         SELECT id, status FROM conversations WHERE visitor_id = v.id AND status <> 'resolved'
         ORDER BY last_activity_at DESC, id DESC LIMIT 1
       ) c ON true
      WHERE v.id = ANY($1)`,
    [visitorIds],
  );
  const byId = new Map(rows.map((r) => [r.id, { name: r.name ?? r.label, openConversation: r.conv_id && r.conv_status ? { id: r.conv_id, status: r.conv_status } : null }]));
  return visitorIds.map((id) => byId.get(id) ?? null);
}
