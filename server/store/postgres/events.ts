import type { DurableEvent } from '../../../protocol/index.ts';
import { q, q1, type Pg, type Queryable } from './db.ts';

/**
 * Lock order, to keep concurrent writers free of deadlocks: first the event counters of every site
 * the transaction will write (sorted by site id), then conversation rows. Every writer calls this
 * first; after it, the transaction owns the site's cursor until COMMIT.
 */
export async function lockCounters(on: Queryable, siteIds: string[]): Promise<void> {
  const ids = [...new Set(siteIds)].sort();
  await on.query('SELECT site_id FROM event_counters WHERE site_id = ANY($1) ORDER BY site_id FOR UPDATE', [ids]);
}

/** Bumps the conversation's seq (the row stays locked until COMMIT). */
export async function nextSeq(on: Queryable, conversationId: string): Promise<number> {
  const r = await q1<{ last_seq: number }>(on, 'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq', [conversationId]);
  if (!r) throw new Error(`conversation ${conversationId} vanished inside its transaction`);
  return r.last_seq;
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
}
const toEvent = (r: EventRow): DurableEvent => ({ ...r.payload, cursor: r.cursor });

export async function eventsAfterSeq(db: Pg, conversationId: string, afterSeq: number, limit: number, forVisitor: boolean): Promise<DurableEvent[]> {
  const rows = await q<EventRow>(
    db.pool,
    'SELECT cursor, payload FROM events WHERE conversation_id = $1 AND seq > $2 AND (visitor_visible OR NOT $3) ORDER BY seq LIMIT $4',
    [conversationId, afterSeq, forVisitor, limit],
  );
  return rows.map(toEvent);
}

export async function eventsAfterCursor(db: Pg, siteId: string, afterCursor: number, limit: number): Promise<DurableEvent[]> {
  const rows = await q<EventRow>(db.pool, 'SELECT cursor, payload FROM events WHERE site_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3', [
    siteId,
    afterCursor,
    limit,
  ]);
  return rows.map(toEvent);
}

export async function latestCursor(db: Pg, siteId: string): Promise<number> {
  // Committed events only: the counter row may already be ahead inside an open transaction.
  const r = await q1<{ c: number | null }>(db.pool, 'SELECT MAX(cursor) AS c FROM events WHERE site_id = $1', [siteId]);
  return r?.c ?? 0;
}
