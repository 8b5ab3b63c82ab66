import { priorityRank } from '../triage-rules.ts';
import type { Message } from '../../../protocol/index.ts';
import type { HistoryPage, InboxQuery, InboxRow, UnreadSnapshot } from '../store.ts';
import { decodeInboxCursor, historyBound, historyPage, inboxPage, pageLimit } from '../paging.ts';
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../search-query.ts';
import { q, q1, type Pg } from './db.ts';
import { conversationSelect, MESSAGE_COLUMNS, toConversation, toMessage, toVisitor, type ConversationRow, type MessageRow, type VisitorRow } from './rows.ts';

/** History, unread, search and the inbox: same semantics as the SQLite modules of the same names. */

export async function history(db: Pg, conversationId: string, page: HistoryPage): Promise<{ messages: Message[]; hasMore: boolean }> {
  const { after, seq } = historyBound(page);
  const rows = await q<MessageRow>(
    db.pool,
    after
      ? `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 AND (NOT note OR $3) ORDER BY seq ASC LIMIT $4`
      : `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq < $2 AND (NOT note OR $3) ORDER BY seq DESC LIMIT $4`,
    [conversationId, seq, page.includeNotes, pageLimit(page.limit) + 1],
  );
  return historyPage(page, rows, toMessage);
}

const STAFF_UNREAD_SQL = /* sql */ `(SELECT COUNT(*)::int FROM messages m
  WHERE m.conversation_id = c.id AND m.seq > COALESCE(r.seq, 0) AND m.author_kind = 'visitor' AND NOT m.deleted)`;

export async function unreadForStaff(db: Pg, siteId: string, staffId: string): Promise<Record<string, number>> {
  const rows = await q<{ id: string; n: number }>(
    db.pool,
    `SELECT c.id, ${STAFF_UNREAD_SQL} AS n FROM conversations c
     LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = $2
     WHERE c.site_id = $1 AND c.last_visitor_seq > COALESCE(r.seq, 0)`,
    [siteId, staffId],
  );
  const out: Record<string, number> = {};
  for (const r of rows) if (r.n > 0) out[r.id] = r.n;
  return out;
}

/** One conversation; one statement, so the count and last_seq come from the same snapshot. */
export async function unreadForStaffInConversation(db: Pg, conversationId: string, staffId: string): Promise<UnreadSnapshot> {
  const r = await q1<{ n: number; seq: number }>(
    db.pool,
    `SELECT ${STAFF_UNREAD_SQL} AS n, c.last_seq AS seq FROM conversations c
     LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = $2
     WHERE c.id = $1`,
    [conversationId, staffId],
  );
  return r ? { count: r.n, seq: r.seq } : { count: 0, seq: 0 };
}

export async function unreadForVisitor(db: Pg, conversationId: string): Promise<number> {
  const r = await q1<{ n: number }>(
    db.pool,
    `SELECT COUNT(*)::int AS n FROM messages m
     WHERE m.conversation_id = $1 AND m.author_kind = 'staff' AND NOT m.note AND NOT m.deleted
       AND m.seq > COALESCE((SELECT seq FROM read_cursors WHERE conversation_id = $1 AND reader_kind = 'visitor'), 0)`,
    [conversationId],
  );
  return r?.n ?? 0;
}

/** Words of the input ANDed, the last one as a prefix; only letters and digits reach to_tsquery. */
export function toTsQuery(input: string): string | null {
  const words = input
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

/** The visitors_search index's expression (migration 26): name and address as words. */
const VISITOR_TSV_SQL = `to_tsvector('simple', regexp_replace(coalesce(v.name, '') || ' ' || coalesce(v.email, ''), '[^[:alnum:]]+', ' ', 'g'))`;

export async function searchMessages(db: Pg, siteId: string, query: string, limit: number): Promise<{ message: Message; snippet: string }[]> {
  const tsq = toTsQuery(query);
  if (!tsq) return [];
  const rows = await q<MessageRow & { snippet: string }>(
    db.pool,
    `SELECT ${MESSAGE_COLUMNS}, ts_headline('simple', text, to_tsquery('simple', $2), $4) AS snippet
     FROM messages WHERE site_id = $1 AND NOT deleted AND text_tsv @@ to_tsquery('simple', $2)
     ORDER BY ts_rank(text_tsv, to_tsquery('simple', $2)) DESC, seq DESC LIMIT $3`,
    [siteId, tsq, pageLimit(limit), `StartSel=${SNIPPET_OPEN}, StopSel=${SNIPPET_CLOSE}, MaxWords=24, MinWords=8`],
  );
  return rows.map((r) => ({ message: toMessage(r), snippet: r.snippet }));
}

export async function listInbox(db: Pg, query: InboxQuery): Promise<{ items: InboxRow[]; nextCursor: string | null }> {
  const limit = pageLimit(query.limit);
  const params: unknown[] = [query.siteId, query.staffId, false];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = ['c.site_id = $1'];
  if (query.status) where.push(`c.status = ${p(query.status)}`);
  if (query.assignee === 'unassigned') where.push('c.assignee_id IS NULL');
  else if (query.assignee === 'me') where.push('c.assignee_id = $2');
  else if (query.assignee) where.push(`c.assignee_id = ${p(query.assignee)}`);
  if (query.priority) where.push(`c.priority = ${p(priorityRank(query.priority))}`);
  if (query.label) where.push(`c.labels ? ${p(query.label)}`);
  if (query.team === 'none') where.push('c.team_id IS NULL');
  else if (query.team) where.push(`c.team_id = ${p(query.team)}`);
  const byPriority = query.sort === 'priority';
  if (query.unreadOnly) where.push(`c.last_visitor_seq > COALESCE(r.seq, 0) AND ${STAFF_UNREAD_SQL} > 0`);
  if (query.q !== undefined && query.q.trim() !== '') {
    const tsq = toTsQuery(query.q);
    if (!tsq) return { items: [], nextCursor: null };
    const ts = p(tsq);
    const raw = p(query.q.trim());
    // As SQLite's INBOX_MATCH_SQL: a message, the visitor's name or address, or the exact conversation or visitor id.
    where.push(`(c.id IN (SELECT m.conversation_id FROM messages m WHERE m.site_id = $1 AND NOT m.deleted AND m.text_tsv @@ to_tsquery('simple', ${ts}))
      OR c.visitor_id IN (SELECT v.id FROM visitors v WHERE v.site_id = $1 AND ${VISITOR_TSV_SQL} @@ to_tsquery('simple', ${ts}))
      OR c.id = ${raw} OR c.visitor_id = ${raw})`);
  }
  if (query.cursor) {
    const [at, id, rank] = decodeInboxCursor(query.cursor, byPriority);
    if (byPriority) where.push(`(c.priority, c.last_activity_at, c.id) < (${p(rank)}::int, ${p(at)}::bigint, ${p(id)}::text)`);
    else where.push(`(c.last_activity_at, c.id) < (${p(at)}::bigint, ${p(id)}::text)`);
  }
  const rows = await q<ConversationRow & { unread: number; visitor_row: VisitorRow }>(
    db.pool,
    `SELECT ${conversationSelect('$3')}, ${STAFF_UNREAD_SQL} AS unread, to_jsonb(v) AS visitor_row
     FROM conversations c
     JOIN visitors v ON v.id = c.visitor_id
     LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = $2
     WHERE ${where.join(' AND ')}
     ORDER BY ${byPriority ? 'c.priority DESC, ' : ''}c.last_activity_at DESC, c.id DESC
     LIMIT ${p(limit + 1)}`,
    params,
  );
  const { page, nextCursor } = inboxPage(rows, limit, byPriority);
  return { items: page.map((r) => ({ conversation: toConversation(r), visitor: toVisitor(r.visitor_row), unread: r.unread })), nextCursor };
}
