import type { HistoryPage } from './store.ts';
import { ParleyError } from '../errors.ts';

/**
 * Paging rules both dialects share. Each reads one row more than it returns (`limit + 1`): that
 * row, when there, only tells that more remain.
 */

/** The page size asked for, at least 1. */
export const pageLimit = (limit: number): number => Math.max(1, Math.floor(limit));

/**
 * A page of messages, always ascending by seq in the returned array.
 * - after: the oldest messages with seq > after (rows ascending); hasMore = newer ones remain.
 * - before: the newest messages with seq < before (rows descending); hasMore = older ones remain.
 * - neither: the newest page; hasMore = older ones remain.
 * Deleted messages stay as tombstones (deleted: true, empty text) so clients can show them as such.
 */
export function historyPage<R, M>(page: HistoryPage, rows: R[], toMessage: (r: R) => M): { messages: M[]; hasMore: boolean } {
  const limit = pageLimit(page.limit);
  const kept = rows.slice(0, limit);
  return { messages: (page.after !== undefined ? kept : kept.reverse()).map(toMessage), hasMore: rows.length > limit };
}

/** The seq bound and direction of a history query. */
export const historyBound = (page: HistoryPage): { after: boolean; seq: number } =>
  page.after !== undefined ? { after: true, seq: page.after } : { after: false, seq: page.before ?? Number.MAX_SAFE_INTEGER };

/**
 * The inbox's keyset cursor: the last row's (last_activity_at, id), and its priority rank when the
 * inbox is sorted by priority; opaque to clients.
 */
export function encodeInboxCursor(at: number, id: string, priority?: number): string {
  return Buffer.from(JSON.stringify(priority === undefined ? [at, id] : [at, id, priority])).toString('base64url');
}

/** `byPriority`: the cursor must carry a priority (one from the other sort order is refused). */
export function decodeInboxCursor(cursor: string, byPriority = false): [number, string, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const ok = Array.isArray(v) && v.length === (byPriority ? 3 : 2) && Number.isFinite(v[0]) && typeof v[1] === 'string' && (!byPriority || Number.isInteger(v[2]));
    if (ok) return [v[0] as number, v[1] as string, byPriority ? (v[2] as number) : 0];
  } catch {
    // fall through
  }
  throw new ParleyError('bad_request', 'Invalid cursor.');
}

/** The page of inbox rows to return and the cursor of the next one (null on the last page). */
export function inboxPage<R extends { last_activity_at: number; id: string; priority: number }>(rows: R[], limit: number, byPriority = false): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeInboxCursor(last.last_activity_at, last.id, byPriority ? Number(last.priority) : undefined) : null };
}
