import type { DomainContext } from './context.ts';
import { publishDurable } from './publish.ts';

/** Conversations looked at per site per sweep; more wait for the next one. */
const SCAN_LIMIT = 2_000;

/**
 * Conversations waiting too long: for each site with a threshold (its `waitingAlertMinutes`, else
 * PARLEY_WAITING_ALERT_MINUTES; 0 is off), the store writes one conversation.waiting per unanswered
 * run whose first visitor message is older than it (a conditional write, so several processes
 * sweeping at once write it once), and the events go out like every commit. The notification
 * follower turns them into notifications (protocol/notifications.ts). Resolves with how many.
 */
export async function sweepWaiting(ctx: DomainContext): Promise<number> {
  const now = ctx.now();
  let total = 0;
  for (const site of await ctx.store.listSites()) {
    const minutes = site.settings.waitingAlertMinutes ?? ctx.config.waitingAlertMinutes;
    if (!minutes) continue;
    const flagged = await ctx.store.markWaiting({
      siteId: site.id,
      before: now - minutes * 60_000,
      activeSince: now - ctx.config.waitingHorizonHours * 3_600_000,
      minutes,
      now,
      scanLimit: SCAN_LIMIT,
    });
    for (const w of flagged) publishDurable(ctx, w.siteId, w.visitorId, [w.event]);
    total += flagged.length;
  }
  return total;
}
