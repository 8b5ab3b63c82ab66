import type { DurableEvent } from '../../../protocol/index.ts';
import type { WaitingInput, WokenConversation } from '../store.ts';
import { q, q1, tx, type Queryable, type Pg } from './db.ts';
import { loadConversation } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';

/** The first visitor message after the last staff reply (as on SQLite, sqlite/waiting.ts). */
const unanswered = (on: Queryable, id: string) =>
  q1<{ seq: number; created_at: number }>(
    on,
    `SELECT m.seq, m.created_at FROM messages m WHERE m.conversation_id = $1 AND m.author_kind = 'visitor' AND NOT m.deleted
       AND m.seq > COALESCE((SELECT MAX(s.seq) FROM messages s WHERE s.conversation_id = m.conversation_id AND s.author_kind = 'staff' AND NOT s.note), 0)
     ORDER BY m.seq LIMIT 1`,
    [id],
  );

/** Store.markWaiting on PostgreSQL: one transaction per conversation, re-checking under the row's lock. */
export async function markWaiting(db: Pg, input: WaitingInput): Promise<WokenConversation[]> {
  const candidates = await q<{ id: string }>(
    db.pool,
    `SELECT id FROM conversations WHERE site_id = $1 AND status = 'open' AND last_activity_at >= $2 ORDER BY last_activity_at LIMIT $3`,
    [input.siteId, input.activeSince, input.scanLimit],
  );
  const out: WokenConversation[] = [];
  for (const { id } of candidates) {
    const first = await unanswered(db.pool, id);
    if (!first || Number(first.created_at) > input.before) continue;
    const one = await tx(db.pool, async (c): Promise<WokenConversation | null> => {
      await lockCounters(c, [input.siteId]); // lock order: counters before conversation rows
      const row = await q1<{ visitor_id: string; status: string }>(c, 'SELECT visitor_id, status FROM conversations WHERE id = $1 FOR UPDATE', [id]);
      const again = await unanswered(c, id);
      if (!row || row.status !== 'open' || !again || Number(again.created_at) > input.before) return null;
      const done = await q1<{ since_seq: number }>(c, 'SELECT since_seq FROM waiting_alerts WHERE conversation_id = $1', [id]);
      if (done && Number(done.since_seq) >= Number(again.seq)) return null;
      await c.query(
        'INSERT INTO waiting_alerts (conversation_id, since_seq, at) VALUES ($1, $2, $3) ON CONFLICT (conversation_id) DO UPDATE SET since_seq = excluded.since_seq, at = excluded.at',
        [id, again.seq, input.now],
      );
      const at = await nextSeq(c, id, false);
      const conversation = (await loadConversation(c, id, EVENT_SNAPSHOT))!;
      const event: DurableEvent = { kind: 'conversation.waiting', conversationId: id, ...at, cursor: 0, conversation, since: Number(again.created_at), minutes: input.minutes };
      return { siteId: input.siteId, visitorId: row.visitor_id, event: await insertEvent(c, input.siteId, event, false, input.now) };
    });
    if (one) out.push(one);
  }
  return out;
}
