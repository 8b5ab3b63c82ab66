import type { DurableEvent } from '../../protocol/index.ts';
import type { Store } from '../store/store.ts';

/**
 * Turns the event log into notification state (the 'email' follower's handler). A staff reply may
 * go unseen by the visitor; a visitor message may go unseen by the agents: each marks its audience's
 * state due `delayMs` after the message was written. Whether it was seen in time is decided when it is
 * due (notifier.ts), from the read cursors then. Marking is idempotent, so a batch handled twice after
 * a crash changes nothing.
 *
 * Messages older than STALE_MS when they are handled are skipped: an email about last week's reply
 * helps no one, and a server whose email was off for a while (or down) must not email about the past.
 */
export const STALE_MS = 24 * 60 * 60 * 1000;

export function notificationMarker(store: Store, delayMs: number, now: () => number) {
  return async (siteId: string, events: DurableEvent[]): Promise<void> => {
    for (const e of events) {
      if (e.kind !== 'message.created' || e.message.note || e.message.deleted) continue;
      if (e.message.createdAt + delayMs < now() - STALE_MS) continue;
      await store.markEmailNotify({
        siteId,
        conversationId: e.conversationId,
        audience: e.message.author.kind === 'staff' ? 'visitor' : 'staff',
        seq: e.seq,
        dueAt: e.message.createdAt + delayMs,
      });
    }
  };
}
