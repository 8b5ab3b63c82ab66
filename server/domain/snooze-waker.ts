import type { DomainContext } from './context.ts';
import { publishDurable } from './publish.ts';

/**
 * Snoozed conversations wake by themselves at their time. The time is stored (snoozed_until), so
 * nothing is lost when a process restarts or dies: whichever process looks next wakes what is due,
 * each conversation in its own transaction that re-checks it, so several processes looking at once
 * wake each conversation once. A visitor's message wakes one earlier (the append reopens it).
 */
export async function wakeDueSnoozes(ctx: DomainContext, batch = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const woken = await ctx.store.wakeSnoozed(ctx.now(), batch);
    for (const w of woken) publishDurable(ctx, w.siteId, w.visitorId, [w.event]);
    total += woken.length;
    if (woken.length < batch) return total;
  }
}

export type { PeriodicCheck as SnoozeWaker } from './periodic-check.ts';
/** Looks every `intervalMs` (PARLEY_SNOOZE_CHECK_MS): a conversation wakes within that of its time. One indexed query when nothing is due. */
export { startPeriodicCheck as startSnoozeWaker } from './periodic-check.ts';
