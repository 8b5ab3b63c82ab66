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
