import type { SiteRecord } from '../store/store.ts';
import type { DomainContext } from './context.ts';
import { isOpen } from './hours/business-hours.ts';

const DAY = 86_400_000;
/** How long a site's figure is kept before it is computed again (it moves slowly). */
const CACHE_MS = 10 * 60_000;

/**
 * "Usually replies in 5 minutes": the median time to the first staff reply over conversations opened
 * in the last PARLEY_REPLY_TIME_DAYS, counting only those opened within business hours (a question
 * asked at night says nothing about how fast the team answers). Undefined with fewer than
 * PARLEY_REPLY_TIME_MIN_SAMPLES of them: the widget then shows the site's `replyTime` text.
 */
export function createReplyTimes(ctx: DomainContext) {
  const cache = new Map<string, { at: number; minutes: number | undefined; key: string }>();
  return {
    async minutesFor(site: SiteRecord): Promise<number | undefined> {
      const now = ctx.now();
      const key = JSON.stringify(site.settings.businessHours ?? null);
      const hit = cache.get(site.id);
      if (hit && hit.key === key && now - hit.at < CACHE_MS) return hit.minutes;
      const rows = await ctx.store.firstReplies({ siteId: site.id, from: now - ctx.config.replyTimeDays * DAY, to: now });
      const hours = site.settings.businessHours;
      const samples = rows
        .filter((r) => !hours || isOpen(hours, Number(r.openedAt)))
        .map((r) => Number(r.afterMs))
        .sort((a, b) => a - b);
      const minutes = samples.length >= ctx.config.replyTimeMinSamples ? Math.max(1, Math.round(median(samples) / 60_000)) : undefined;
      cache.set(site.id, { at: now, minutes, key });
      return minutes;
    },
  };
}

export type ReplyTimes = ReturnType<typeof createReplyTimes>;

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
