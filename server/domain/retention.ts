import type { DomainContext } from './context.ts';
import { publishDurable } from './publish.ts';

/**
 * Retention (site setting retentionDays; docs/deploy.md, Privacy): conversations resolved more than N
 * days ago are deleted with their files, in batches, each in its own store transaction that checks it
 * again, so every process may sweep (the timer runs in each) and each conversation goes once. Each
 * deletion is a conversation.erased event, so open dashboards drop the row. The clock is the context's.
 */
export async function sweepRetention(ctx: DomainContext, batch = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const gone = await ctx.store.deleteExpiredConversations(ctx.now(), batch);
    for (const g of gone) {
      // After the commit: a file that fails to go is an orphan nothing serves (its record is gone).
      for (const path of g.storagePaths) await ctx.removeAttachmentFile?.(path).catch(() => {});
      publishDurable(ctx, g.siteId, g.visitorId, [g.event]);
    }
    total += gone.length;
    if (gone.length < batch) return total;
  }
}
