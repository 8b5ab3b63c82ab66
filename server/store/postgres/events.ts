import type { Attachment, DurableEvent } from '../../../protocol/index.ts';
import { mergeLog } from '../event-log.ts';
import type { RoutedEvent } from '../store.ts';
import { q, q1, type Pg, type Queryable } from './db.ts';
import { toMessage, type MessageRow } from './rows.ts';

/**
 * The event log, as on SQLite (sqlite/events.ts): a message.created event is its message row
 * (messages.seq, messages.cursor); every other event an events row with its payload as JSONB.
 * Replay reads both and merges them (../event-log.ts).
 *
 * Lock order, to keep concurrent writers free of deadlocks: first the event counters of every site
 * the transaction will write (sorted by site id), then conversation rows. Every writer calls this
 * first; after it, the transaction owns the site's cursor until COMMIT.
 */
export async function lockCounters(on: Queryable, siteIds: string[]): Promise<void> {
  const ids = [...new Set(siteIds)].sort();
  await on.query('SELECT site_id FROM event_counters WHERE site_id = ANY($1) ORDER BY site_id FOR UPDATE', [ids]);
}

/**
 * Bumps the conversation's seq (and its visible seq when a visitor may see the event); the row stays
 * locked until COMMIT. Returns the seq taken and, when visible, the previous visible seq.
 */
export async function nextSeq(on: Queryable, conversationId: string, visible: boolean): Promise<{ seq: number; prevVisibleSeq?: number }> {
  // Every part of one statement sees the same snapshot: `before` is the row as it was.
  const r = await q1<{ last_seq: number; before_visible: number }>(
    on,
    `WITH before AS (SELECT last_visible_seq FROM conversations WHERE id = $1)
     UPDATE conversations SET last_seq = last_seq + 1, last_visible_seq = CASE WHEN $2 THEN last_seq + 1 ELSE last_visible_seq END
     WHERE id = $1 RETURNING last_seq, (SELECT last_visible_seq FROM before) AS before_visible`,
    [conversationId, visible],
  );
  if (!r) throw new Error(`conversation ${conversationId} vanished inside its transaction`);
  return visible ? { seq: r.last_seq, prevVisibleSeq: r.before_visible } : { seq: r.last_seq };
}

/** Inserts the event (seq already taken) with the site's next cursor; returns it with the cursor. */
export async function insertEvent<E extends DurableEvent>(on: Queryable, siteId: string, event: E, visitorVisible: boolean, at: number): Promise<E> {
  const r = await q1<{ cursor: number }>(
    on,
    `WITH c AS (UPDATE event_counters SET last_cursor = last_cursor + 1 WHERE site_id = $1 RETURNING last_cursor)
     INSERT INTO events (site_id, cursor, conversation_id, seq, kind, payload, visitor_visible, created_at)
     SELECT $1, c.last_cursor, $2, $3, $4, $5, $6, $7 FROM c RETURNING cursor`,
    [siteId, event.conversationId, event.seq, event.kind, JSON.stringify(event), visitorVisible, at],
  );
  if (!r) throw new Error(`site ${siteId} has no event counter`);
  event.cursor = r.cursor;
  return event;
}

interface EventRow {
  cursor: number;
  payload: DurableEvent;
  visitor_id: string;
  visitor_visible: boolean;
}
interface MessageEventRow {
  cursor: number;
  seq: number;
  id: string;
  conversation_id: string;
  client_id: string;
  author_kind: string;
  author_id: string;
  author_name: string | null;
  text: string;
  attachments: Attachment[];
  note: boolean;
  deleted: boolean;
  created_at: number;
  prev_visible_seq: number | null;
  visitor_id: string;
}
const MESSAGE_EVENT_COLUMNS =
  'm.cursor, m.seq, m.id, m.conversation_id, m.client_id, m.author_kind, m.author_id, m.author_name, m.text, m.attachments, m.note, m.deleted, m.created_at, m.prev_visible_seq, c.visitor_id';

const toEvent = (r: EventRow): DurableEvent => ({ ...r.payload, cursor: r.cursor });
function messageEvent(r: MessageEventRow): DurableEvent {
  const message = toMessage(r as unknown as MessageRow);
  const event: DurableEvent = { kind: 'message.created', conversationId: r.conversation_id, seq: r.seq, cursor: r.cursor, message };
  if (r.prev_visible_seq !== null) event.prevVisibleSeq = r.prev_visible_seq;
  return event;
}
const bySeq = (r: RoutedEvent) => r.event.seq;
const byCursor = (r: RoutedEvent) => r.event.cursor;

/**
 * Both tables in ONE statement, so they are read as of the same commit: two statements could see a
 * commit between them (an events row missing, the message after it present) and replay a hole.
 * `where` filters each table by its alias (e / m); `order` is the column both are sorted by.
 */
async function readLog(db: Pg, where: { e: string; m: string }, order: 'seq' | 'cursor', params: unknown[], limit: number): Promise<RoutedEvent[]> {
  const rows = await q<{ e: EventRow | null; m: MessageEventRow | null }>(
    db.pool,
    `(SELECT row_to_json(x) AS e, NULL::json AS m FROM (
        SELECT e.cursor, e.seq, e.payload, COALESCE(c.visitor_id, '') AS visitor_id, e.visitor_visible FROM events e LEFT JOIN conversations c ON c.id = e.conversation_id
        WHERE ${where.e} ORDER BY e.${order} LIMIT ${Number(limit)}) x)
     UNION ALL
     (SELECT NULL::json, row_to_json(y) FROM (
        SELECT ${MESSAGE_EVENT_COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE ${where.m} ORDER BY m.${order} LIMIT ${Number(limit)}) y)`,
    params,
  );
  const events: RoutedEvent[] = [];
  const messages: RoutedEvent[] = [];
  for (const r of rows) {
    if (r.e) events.push({ event: toEvent(r.e), visitorId: r.e.visitor_id, visible: r.e.visitor_visible });
    else if (r.m) messages.push({ event: messageEvent(r.m), visitorId: r.m.visitor_id, visible: !r.m.note });
  }
  // UNION ALL keeps no order across its parts: each part is sorted again (it arrived sorted, so this is cheap).
  const key = order === 'seq' ? bySeq : byCursor;
  events.sort((a, b) => key(a) - key(b));
  messages.sort((a, b) => key(a) - key(b));
  return mergeLog(events, messages, key, limit);
}

export async function eventsAfterSeq(db: Pg, conversationId: string, afterSeq: number, limit: number, forVisitor: boolean): Promise<DurableEvent[]> {
  const where = {
    e: 'e.conversation_id = $1 AND e.seq > $2 AND (e.visitor_visible OR NOT $3)',
    m: 'm.conversation_id = $1 AND m.seq > $2 AND (NOT m.note OR NOT $3)',
  };
  return (await readLog(db, where, 'seq', [conversationId, afterSeq, forVisitor], limit)).map((r) => r.event);
}

export async function routedEventsAfterCursor(db: Pg, siteId: string, afterCursor: number, limit: number): Promise<RoutedEvent[]> {
  return readLog(db, { e: 'e.site_id = $1 AND e.cursor > $2', m: 'm.site_id = $1 AND m.cursor > $2' }, 'cursor', [siteId, afterCursor], limit);
}

export async function eventsAfterCursor(db: Pg, siteId: string, afterCursor: number, limit: number): Promise<DurableEvent[]> {
  return (await routedEventsAfterCursor(db, siteId, afterCursor, limit)).map((r) => r.event);
}

export async function latestCursor(db: Pg, siteId: string): Promise<number> {
  return (await latestCursors(db, [siteId]))[siteId] ?? 0;
}

/** The counters as committed (a transaction holding one has not moved it for anyone else yet). */
export async function latestCursors(db: Pg, siteIds: string[]): Promise<Record<string, number>> {
  const rows = await q<{ site_id: string; last_cursor: number }>(db.pool, 'SELECT site_id, last_cursor FROM event_counters WHERE site_id = ANY($1)', [siteIds]);
  const out: Record<string, number> = {};
  for (const id of siteIds) out[id] = 0;
  for (const r of rows) out[r.site_id] = r.last_cursor;
  return out;
}
