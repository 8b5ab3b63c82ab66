import type { DurableEvent } from '../../../protocol/index.ts';
import type { WokenConversation } from '../store.ts';
import { q, q1, tx, type Pg } from './db.ts';
import { loadConversation } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, lockCounters, nextSeq } from './events.ts';

/** Store.wakeSnoozed, as on SQLite (sqlite/snooze.ts): one transaction per conversation, each re-checking its row under lock. */
export async function wakeSnoozed(db: Pg, now: number, limit: number): Promise<WokenConversation[]> {
  const due = await q<{ id: string; site_id: string }>(
    db.pool,
    `SELECT id, site_id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= $1 ORDER BY snoozed_until LIMIT $2`,
    [now, limit],
  );
  const woken: WokenConversation[] = [];
  for (const { id, site_id: siteId } of due) {
    const one = await tx(db.pool, async (c): Promise<WokenConversation | null> => {
      await lockCounters(c, [siteId]); // lock order: counters before conversation rows
      const row = await q1<{ visitor_id: string; status: string; snoozed_until: number | null; snoozed_by: string | null }>(
        c,
        'SELECT visitor_id, status, snoozed_until, snoozed_by FROM conversations WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!row || row.status !== 'snoozed' || row.snoozed_until === null || row.snoozed_until > now) return null;
      await c.query(`UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE id = $1`, [id]);
      const at = await nextSeq(c, id, true);
      const conversation = (await loadConversation(c, id, EVENT_SNAPSHOT))!;
      const event: DurableEvent = {
        kind: 'conversation.updated',
        conversationId: id,
        ...at,
        cursor: 0,
        conversation,
        changes: { status: 'open' },
        by: { kind: 'staff', id: row.snoozed_by ?? '' },
        woke: true,
      };
      return { siteId, visitorId: row.visitor_id, event: await insertEvent(c, siteId, event, true, now) };
    });
    if (one) woken.push(one);
  }
  return woken;
}
