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
 * The staff inbox: newest activity first, keyset paging on (last_activity_at, id) so a page costs
 * the same at any depth and rows never repeat or vanish when new activity arrives between pages.
 * Each filter combination is its own SQL string, prepared once. Sorted by priority, the keyset is
 * (priority, last_activity_at, id), through conversations_inbox_priority.
 */
export function listInbox(db: Db, q: InboxQuery): { items: InboxRow[]; nextCursor: string | null } {
  const limit = pageLimit(q.limit);
  const where = ['c.site_id = @siteId'];
  const params: Record<string, unknown> = { siteId: q.siteId, staffId: q.staffId, limit: limit + 1 };
  if (q.status) {
    where.push('c.status = @status');
    params.status = q.status;
  }
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
    const match = inboxMatchParams(db, q.q);
    if (!match) return { items: [], nextCursor: null };
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
  const rows = db
    .st(
      `SELECT c.*, ${STAFF_UNREAD_SQL} AS unread
       FROM conversations c
       LEFT JOIN read_cursors r ON r.conversation_id = c.id AND r.reader_kind = 'staff' AND r.reader_id = @staffId
       WHERE ${where.join(' AND ')}
       ORDER BY ${byPriority ? 'c.priority DESC, ' : ''}c.last_activity_at DESC, c.id DESC
       LIMIT @limit`,
    )
    .all(params) as (ConversationRow & { unread: number })[];
  const { page, nextCursor } = inboxPage(rows, limit, byPriority);
  return { items: page.map((r) => ({ conversation: toConversation(db, r), visitor: getVisitor(db, r.visitor_id)!, unread: r.unread })), nextCursor };
}
