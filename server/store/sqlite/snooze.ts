import type { DurableEvent } from '../../../protocol/index.ts';
import type { WokenConversation } from '../store.ts';
import type { Db } from './db.ts';
import { getConversation, getConversationRow } from './conversations.ts';
import { EVENT_SNAPSHOT } from '../snapshot.ts';
import { insertEvent, nextSeq, takeCursor } from './events.ts';

/**
 * Store.wakeSnoozed: every snoozed conversation whose time has come is opened again, one transaction
 * each, through the partial index on snoozed_until. Each transaction checks the row again, so a
 * conversation woken meanwhile (by a visitor's message, an agent, another process) or snoozed
 * again to a later time is left alone and gets no second event.
 */
export function wakeSnoozed(db: Db, now: number, limit: number): WokenConversation[] {
  const due = db
    .st(`SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= ? ORDER BY snoozed_until LIMIT ?`)
    .pluck()
    .all(now, limit) as string[];
  const woken: WokenConversation[] = [];
  for (const id of due) {
    const one = db.raw.transaction((): WokenConversation | null => {
      db.conversations.forget(id);
      const row = getConversationRow(db, id);
      if (!row || row.status !== 'snoozed' || row.snoozed_until === null || row.snoozed_until > now) return null;
      db.st(`UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE id = ?`).run(id);
      const at = nextSeq(db, id, true);
      const conversation = getConversation(db, id, EVENT_SNAPSHOT)!;
      const event: DurableEvent = {
        kind: 'conversation.updated',
        conversationId: id,
        ...at,
        cursor: takeCursor(db, row.site_id),
        conversation,
        changes: { status: 'open' },
        by: { kind: 'staff', id: row.snoozed_by ?? '' },
        woke: true,
      };
      return { siteId: row.site_id, visitorId: row.visitor_id, event: insertEvent(db, row.site_id, event, true, now) };
    })();
    if (one) woken.push(one);
  }
  return woken;
}
