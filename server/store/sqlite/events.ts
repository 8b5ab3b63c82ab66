import type { Actor, Attachment, DurableEvent, Message } from '../../../protocol/index.ts';
import { mergeLog } from '../event-log.ts';
import type { RoutedEvent } from '../store.ts';
import type { Db } from './db.ts';

/**
 * The event log. Every durable event takes the conversation's next seq (conversations.last_seq + 1,
 * bumped in the caller's transaction) and its site's next cursor (dense per site: the highest its rows
 * hold, plus one; storedCursor), in commit order (SQLite has one writer at a time).
 *
 * Two tables hold it. A message.created event is its message row (messages.seq, messages.cursor):
 * storing a second copy of every message was most of the cost of an append. Every other event is an
 * events row, its payload JSON (with prevVisibleSeq when a visitor may see it) stored with cursor 0
 * and the column patched in on read. Replay reads both, each through its own index, and merges them
 * (../event-log.ts).
 */

/**
 * Bumps the conversation's seq counter, and its visible one when a visitor may see the event: the seq
 * it takes and, when visible, the previous visible seq. Inside the caller's transaction.
 */
export function nextSeq(db: Db, conversationId: string, visible: boolean): { seq: number; prevVisibleSeq?: number } {
  const before = db.st('SELECT last_visible_seq FROM conversations WHERE id = ?').pluck().get(conversationId) as number | undefined;
  const seq = db
    .st('UPDATE conversations SET last_seq = last_seq + 1, last_visible_seq = CASE WHEN ? THEN last_seq + 1 ELSE last_visible_seq END WHERE id = ? RETURNING last_seq')
    .pluck()
    .get(visible ? 1 : 0, conversationId) as number | undefined;
  if (seq === undefined || before === undefined) throw new Error(`conversation ${conversationId} vanished inside its transaction`);
  return visible ? { seq, prevVisibleSeq: before } : { seq };
}

/**
 * The site's next cursor, taken inside the caller's transaction (its event's row lands in the same one).
 * Written to site_cursors too: two cursors taken before either row is inserted stay distinct, and
 * site_cursors keeps the high-water mark when rows are later deleted (an erasure takes one first).
 */
export function takeCursor(db: Db, siteId: string): number {
  const cursor = storedCursor(db, siteId) + 1;
  db.st('INSERT INTO site_cursors (site_id, last_cursor) VALUES (?, ?) ON CONFLICT (site_id) DO UPDATE SET last_cursor = excluded.last_cursor').run(siteId, cursor);
  return cursor;
}

/**
 * The site's last cursor: the highest a message or event row holds, or site_cursors' when higher (the
 * mark of cursors whose rows were deleted since). Two index seeks and a point read. The append batch
 * gives out cursors from it without writing site_cursors back: each lands in its message or event row
 * at once, which was one WAL page per lone commit (bench/findings.md #20).
 */
export function storedCursor(db: Db, siteId: string): number {
  return db
    .st(
      `SELECT MAX(COALESCE((SELECT last_cursor FROM site_cursors WHERE site_id = @site), 0),
                  COALESCE((SELECT MAX(cursor) FROM messages WHERE site_id = @site), 0),
                  COALESCE((SELECT MAX(cursor) FROM events WHERE site_id = @site), 0))`,
    )
    .pluck()
    .get({ site: siteId }) as number;
}

/** Inserts `event` (its seq and cursor already taken). */
export function insertEvent<E extends DurableEvent>(db: Db, siteId: string, event: E, visitorVisible: boolean, at: number): E {
  db.st('INSERT INTO events (site_id, cursor, conversation_id, seq, kind, payload, visitor_visible, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    siteId,
    event.cursor,
    event.conversationId,
    event.seq,
    event.kind,
    JSON.stringify({ ...event, cursor: 0 }),
    visitorVisible ? 1 : 0,
    at,
  );
  return event;
}

interface EventRow {
  cursor: number;
  seq: number;
  payload: string;
  visitor_id: string;
  visitor_visible: number;
}
const toEvent = (r: EventRow): DurableEvent => {
  const e = JSON.parse(r.payload) as DurableEvent;
  e.cursor = r.cursor;
  return e;
};
/**
 * A message row as its message.created event, from a raw row (array) of just these columns. Replay
 * reads ~5 µs per message, ~1.3x what parsing the old JSON copies cost (an object per row of every
 * column plus toMessage cost 2x; json_object() in SQL as much). Same shape as toMessage.
 */
const MESSAGE_EVENT_COLUMNS =
  'm.cursor, m.seq, m.id, m.conversation_id, m.client_id, m.author_kind, m.author_id, m.author_name, m.text, m.attachments, m.note, m.deleted, m.created_at, m.prev_visible_seq, c.visitor_id';
type MessageEventRow = [number, number, string, string, string, string, string, string | null, string, string, number, number, number, number | null, string];
function messageEvent(r: MessageEventRow): DurableEvent {
  const [cursor, seq, id, conversationId, clientId, kind, authorId, authorName, text, attachments, note, deleted, createdAt, prevVisibleSeq] = r;
  const message: Message = {
    id,
    conversationId,
    seq,
    clientId,
    author: { kind, id: authorId } as Actor,
    text,
    attachments: attachments === '[]' ? [] : (JSON.parse(attachments) as Attachment[]),
    note: note === 1,
    deleted: deleted === 1,
    createdAt,
  };
  if (authorName !== null) message.authorName = authorName;
  const event: DurableEvent = { kind: 'message.created', conversationId, seq, cursor, message };
  if (prevVisibleSeq !== null) event.prevVisibleSeq = prevVisibleSeq;
  return event;
}
const routedMessage = (r: MessageEventRow): RoutedEvent => ({ event: messageEvent(r), visitorId: r[14], visible: r[10] === 0 });
const routedEvent = (r: EventRow): RoutedEvent => ({ event: toEvent(r), visitorId: r.visitor_id, visible: r.visitor_visible === 1 });
const bySeq = (e: DurableEvent) => e.seq;
const byCursor = (r: RoutedEvent) => r.event.cursor;

export function eventsAfterSeq(db: Db, conversationId: string, afterSeq: number, limit: number, forVisitor: boolean): DurableEvent[] {
  const events = db
    .st('SELECT cursor, seq, payload FROM events WHERE conversation_id = ? AND seq > ? AND visitor_visible >= ? ORDER BY seq LIMIT ?')
    .all(conversationId, afterSeq, forVisitor ? 1 : 0, limit) as EventRow[];
  const messages = db
    .st(
      `SELECT ${MESSAGE_EVENT_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.conversation_id = ? AND m.seq > ? AND m.note <= ? ORDER BY m.seq LIMIT ?`,
    )
    .raw()
    .all(conversationId, afterSeq, forVisitor ? 0 : 1, limit) as MessageEventRow[];
  return mergeLog(events.map(toEvent), messages.map(messageEvent), bySeq, limit);
}

export function routedEventsAfterCursor(db: Db, siteId: string, afterCursor: number, limit: number): RoutedEvent[] {
  const events = db
    .st(
      // LEFT JOIN: a conversation.erased event outlives its conversation (privacy.ts), staff only.
      `SELECT e.cursor, e.seq, e.payload, COALESCE(c.visitor_id, '') AS visitor_id, e.visitor_visible FROM events e LEFT JOIN conversations c ON c.id = e.conversation_id
       WHERE e.site_id = ? AND e.cursor > ? ORDER BY e.cursor LIMIT ?`,
    )
    .all(siteId, afterCursor, limit) as EventRow[];
  const messages = db
    .st(
      `SELECT ${MESSAGE_EVENT_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.site_id = ? AND m.cursor > ? ORDER BY m.cursor LIMIT ?`,
    )
    .raw()
    .all(siteId, afterCursor, limit) as MessageEventRow[];
  return mergeLog(events.map(routedEvent), messages.map(routedMessage), byCursor, limit);
}

export function eventsAfterCursor(db: Db, siteId: string, afterCursor: number, limit: number): DurableEvent[] {
  return routedEventsAfterCursor(db, siteId, afterCursor, limit).map((r) => r.event);
}

export const latestCursor = (db: Db, siteId: string): number => storedCursor(db, siteId);

export function latestCursors(db: Db, siteIds: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of siteIds) out[id] = storedCursor(db, id);
  return out;
}
