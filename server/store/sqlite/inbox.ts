import type { ConversationStatus } from '../../../protocol/index.ts';
import type { InboxQuery, InboxRow } from '../store.ts';
import { decodeInboxCursor, inboxPage, pageLimit } from '../paging.ts';
import { INBOX_MATCH_SQL, inboxMatchParams } from './search.ts';
import type { Db } from './db.ts';
import { toConversation } from './conversations.ts';
import type { ConversationRow } from './rows.ts';
import { STAFF_UNREAD_SQL } from './unread.ts';
import { priorityRank } from '../triage-rules.ts';
import { getVisitor } from './visitors.ts';

/**
 * The staff inbox: newest activity first, keyset paging on (last_activity_at, id) so rows never
 * repeat or vanish when new activity arrives between pages. Sorted by priority, the keyset is
 * (priority, last_activity_at, id). Each filter combination is its own SQL string, prepared once.
 *
 * The indexes (migration 29) keep a message's commit small: last_activity_at moves on every message,
 * and every index holding it costs a b-tree delete and insert (2+ WAL pages) per message, so only
 * conversations_inbox (every conversation) holds it for the conversations that take messages. The
 * unresolved ones, the few a site works on, are found through conversations_unresolved (no
 * last_activity_at) and sorted per page; the resolved ones, the many that stay still, have ordered
 * indexes of their own (conversations_resolved, _assignee, _priority). So:
 * - a status that is not resolved: conversations_unresolved, sorted (the site's unresolved rows at most);
 * - resolved: conversations_resolved, or the one of the assignee or priority filter or sort;
 * - any status, no assignee or priority: conversations_inbox, as before;
 * - any status with an assignee, a priority or the priority sort: both halves, each its page, merged.
 * The status is written into the SQL as a literal: SQLite uses a partial index only for a query
 * whose WHERE names the index's own condition, which a bound parameter does not. The unresolved
 * half names its index (INDEXED BY): left to itself, the planner walks conversations_inbox in order
 * and filters, which reaches back through every resolved conversation for a page past the last
 * unresolved one (30 ms at 100,000 conversations, measure-inbox.ts).
 */
export function listInbox(db: Db, q: InboxQuery): { items: InboxRow[]; nextCursor: string | null } {
  const limit = pageLimit(q.limit);
  const query = inboxQuery(q, limit);
  if (!query) return { items: [], nextCursor: null };
  if (query.params.fts !== undefined) db.searchIndex.catchUp();
  const rows = db.st(query.sql).all(query.params) as (ConversationRow & { unread: number })[];
  const { page, nextCursor } = inboxPage(rows, limit, q.sort === 'priority');
  return { items: page.map((r) => ({ conversation: toConversation(db, r), visitor: getVisitor(db, r.visitor_id)!, unread: r.unread })), nextCursor };
}

/** The SQL of one inbox page (limit + 1 rows) and its parameters; null when nothing can match (the search, the status). */
export function inboxQuery(q: InboxQuery, limit: number): { sql: string; params: Record<string, unknown> } | null {
  const where = ['c.site_id = @siteId'];
  const params: Record<string, unknown> = { siteId: q.siteId, staffId: q.staffId, limit: limit + 1 };
  if (q.assignee === 'unassigned') where.push('c.assignee_id IS NULL');
  else if (q.assignee === 'me') where.push('c.assignee_id = @staffId');
  else if (q.assignee) {
    where.push('c.assignee_id = @assignee');
    params.assignee = q.assignee;
  }
  if (q.priority) {
    where.push('c.priority = @priority');
    params.priority = priorityRank(q.priority);
  }
  // Labels are a small JSON array per row; the filter reads it only for this site's rows (the inbox index).
  if (q.team === 'none') where.push('c.team_id IS NULL');
  else if (q.team) {
    where.push('c.team_id = @team');
    params.team = q.team;
  }
  if (q.label) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.labels) l WHERE l.value = @label)');
    params.label = q.label;
  }
  const byPriority = q.sort === 'priority';
  if (q.unreadOnly) where.push(`c.last_visitor_seq > COALESCE(r.seq, 0) AND ${STAFF_UNREAD_SQL} > 0`);
  if (q.q !== undefined && q.q.trim() !== '') {
    const match = inboxMatchParams(q.q);
    if (!match) return null;
    where.push(INBOX_MATCH_SQL);
    Object.assign(params, match);
  }
  if (q.cursor) {
    const [at, id, rank] = decodeInboxCursor(q.cursor, byPriority);
    where.push(byPriority ? '(c.priority, c.last_activity_at, c.id) < (@cursorRank, @cursorAt, @cursorId)' : '(c.last_activity_at, c.id) < (@cursorAt, @cursorId)');
    params.cursorAt = at;
    params.cursorId = id;
    if (byPriority) params.cursorRank = rank;
  }
  const order = `ORDER BY ${byPriority ? 'priority DESC, ' : ''}last_activity_at DESC, id DESC LIMIT @limit`;
  const reads = `LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = @staffId`;
  const select = `SELECT c.*, ${STAFF_UNREAD_SQL} AS unread FROM conversations c ${reads}`;
  const page = (status: string | null) => {
    const terms = (status === null ? where : [...where, status]).join(' AND ');
    if (!status?.endsWith(UNRESOLVED)) return `${select} WHERE ${terms} ${order}`;
    // Sorted, not read in order: only the keys of the matching rows are sorted, then the page's rows are read.
    return `${select} WHERE c.rowid IN (SELECT c.rowid FROM conversations c INDEXED BY conversations_unresolved ${q.unreadOnly ? reads : ''}
      WHERE ${terms} ${order}) ${order}`;
  };
  if (q.status) {
    // No conversation has a status not in the list (the SQL names each one it knows).
    const term = Object.hasOwn(STATUS_TERMS, q.status) ? STATUS_TERMS[q.status] : undefined;
    return term === undefined ? null : { sql: page(term), params };
  }
  if (!q.assignee && !q.priority && !byPriority) return { sql: page(null), params };
  // Any status, through the two halves' indexes: each half's own page, then the first of both.
  const sql = `SELECT * FROM (${page(UNRESOLVED)}) UNION ALL SELECT * FROM (${page(STATUS_TERMS.resolved)}) ${order}`;
  return { sql, params };
}

/** conversations_unresolved's condition, word for word (see above). */
const UNRESOLVED = `c.status <> 'resolved'`;
const STATUS_TERMS: Record<ConversationStatus, string> = {
  open: `c.status = 'open' AND ${UNRESOLVED}`,
  pending: `c.status = 'pending' AND ${UNRESOLVED}`,
  snoozed: `c.status = 'snoozed' AND ${UNRESOLVED}`,
  resolved: `c.status = 'resolved'`,
};
