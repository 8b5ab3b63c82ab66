import type { Message } from '../../../protocol/index.ts';
import type { HistoryPage } from '../store.ts';
import { historyBound, historyPage, pageLimit } from '../paging.ts';
import type { Db } from './db.ts';
import { toMessage, type MessageRow } from './rows.ts';

/** A page of messages, ascending by seq (the paging rules: ../paging.ts historyPage). */
export function history(db: Db, conversationId: string, page: HistoryPage): { messages: Message[]; hasMore: boolean } {
  const { after, seq } = historyBound(page);
  const rows = db
    .st(
      after
        ? 'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? AND note <= ? ORDER BY seq ASC LIMIT ?'
        : 'SELECT * FROM messages WHERE conversation_id = ? AND seq < ? AND note <= ? ORDER BY seq DESC LIMIT ?',
    )
    .all(conversationId, seq, page.includeNotes ? 1 : 0, pageLimit(page.limit) + 1) as MessageRow[];
  return historyPage(page, rows, toMessage);
}
