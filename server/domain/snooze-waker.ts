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

export interface SnoozeWaker {
  /** Wakes what is due now; resolves with how many woke. */
  check(): Promise<number>;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

/**
 * Looks every `intervalMs` (PARLEY_SNOOZE_CHECK_MS): a conversation wakes within that of its time.
 * One indexed query when nothing is due. 0: never by itself (check() still works).
 */
export function startSnoozeWaker(d: { wake: () => Promise<number>; intervalMs: number; onError: (err: unknown) => void }): SnoozeWaker {
  let running: Promise<number> | null = null;
  const check = (): Promise<number> => {
    running ??= d.wake().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = d.intervalMs > 0 ? setInterval(() => check().catch(d.onError), Math.min(d.intervalMs, 2 ** 31 - 1)) : null;
  timer?.unref?.();
  return {
    check,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
