import type { Message } from '../../../protocol/index.ts';
import { SNIPPET_CLOSE, SNIPPET_OPEN, toFtsQuery } from '../search-query.ts';
import { pageLimit } from '../paging.ts';
import type { Db } from './db.ts';
import { toMessage, type MessageRow } from './rows.ts';

/** FTS5 over message text (notes included: search is staff-only), best match first. */
export function searchMessages(db: Db, siteId: string, query: string, limit: number): { message: Message; snippet: string }[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  db.searchIndex.catchUp();
  const rows = db
    .st(
      `SELECT m.*, snippet(messages_fts, 0, ?, ?, '\u2026', 12) AS snippet
       FROM messages_fts JOIN messages m ON m.pk = messages_fts.rowid
       WHERE messages_fts MATCH ? AND m.site_id = ? AND m.deleted = 0
       ORDER BY rank LIMIT ?`,
    )
    .all(SNIPPET_OPEN, SNIPPET_CLOSE, fts, siteId, pageLimit(limit)) as (MessageRow & { snippet: string })[];
  return rows.map((r) => ({ message: toMessage(r), snippet: r.snippet }));
}

/**
 * The inbox's `q` filter on conversations `c` (params @fts, @raw, @siteId): a conversation matches
 * when one of its messages does, when its visitor's name or address does (visitors_fts, the same
 * word rules; an erased visitor's row and index entry are gone), or when `q` is exactly its id or
 * its visitor's id (pasted from an email or a webhook). Each branch is an index lookup, and the site
 * condition keeps another site's visitors and messages out. One `c.id IN` over a UNION ALL rather
 * than an OR of conditions: the inbox index (site_id, last_activity_at, id) then still answers the
 * test for each row without reading it (at 100,000 visitors a query matching nothing took 37 ms with
 * the OR, 15 ms so; measure-search.ts).
 */
export const INBOX_MATCH_SQL = `c.id IN (
    SELECT m.conversation_id FROM messages_fts JOIN messages m ON m.pk = messages_fts.rowid
    WHERE messages_fts MATCH @fts AND m.site_id = @siteId AND m.deleted = 0
    UNION ALL
    SELECT f.id FROM conversations f WHERE f.visitor_id IN (
      SELECT v.id FROM visitors_fts JOIN visitor_search_keys k ON k.pk = visitors_fts.rowid JOIN visitors v ON v.id = k.visitor_id
      WHERE visitors_fts MATCH @fts AND v.site_id = @siteId)
    UNION ALL
    SELECT @raw
    UNION ALL
    SELECT f.id FROM conversations f WHERE f.visitor_id = @raw)`;

/** The parameters INBOX_MATCH_SQL reads, or null when nothing in `q` is searchable (the caller brings the message index up to date). */
export function inboxMatchParams(q: string): { fts: string; raw: string } | null {
  const fts = toFtsQuery(q);
  return fts ? { fts, raw: q.trim() } : null;
}
