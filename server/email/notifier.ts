import type { EmailNotifyRow } from '../store/email-records.ts';
import { decideAgentNotice } from './agent-notice.ts';
import type { EmailContext } from './context.ts';
import { decideVisitorNotice } from './visitor-notice.ts';

/**
 * Decides the notifications that are due. Each due state is claimed with a lease (one process decides
 * it), decided from the read cursors as they are now, and settled in one transaction that queues its
 * emails and records what it covered, so a crash before the settle decides again and one after it
 * does not email twice (outbox dedupe keys make a repeat of the same decision queue nothing).
 */
export interface Notifier {
  /** Decides every notification due now; answers how many were decided. */
  run(): Promise<number>;
}

export function createNotifier(ctx: EmailContext, batch = 50): Notifier {
  async function decide(row: EmailNotifyRow): Promise<void> {
    const decision = row.audience === 'visitor' ? await decideVisitorNotice(ctx, row) : await decideAgentNotice(ctx, row);
    const settled = await ctx.store.settleEmailNotify({
      conversationId: row.conversationId,
      audience: row.audience,
      owner: ctx.owner,
      now: ctx.now(),
      ...decision,
    });
    if (!settled) ctx.log.warn('email notification lease lost', { conversationId: row.conversationId, audience: row.audience });
    else if (decision.emails.length) ctx.log.info('email notification queued', { conversationId: row.conversationId, audience: row.audience, emails: decision.emails.length });
  }
  return {
    async run() {
      let decided = 0;
      for (;;) {
        const rows = await ctx.store.claimDueEmailNotify({ owner: ctx.owner, now: ctx.now(), leaseMs: ctx.config.leaseMs, limit: batch });
        for (const row of rows) {
          try {
            await decide(row);
          } catch (err) {
            // Left claimed: decided again once the lease runs out, and the others still go out.
            ctx.log.error('email notification failed', { conversationId: row.conversationId, audience: row.audience, err });
          }
        }
        decided += rows.length;
        if (rows.length < batch) return decided;
      }
    },
  };
}
