import type { HoursState } from '../../../protocol/index.ts';
import { Topics } from '../../bus/bus.ts';
import type { SiteRecord } from '../../store/store.ts';
import type { DomainContext } from '../context.ts';
import { publishAll } from '../routing.ts';
import { hoursState } from './business-hours.ts';

/**
 * A site's business hours as visitors see them: the state now (their hello carries it) and an `hours`
 * event to the site's visitors when it opens, closes or its schedule changes. Each process checks the
 * sites on its sweep; several processes may tell the same change (visitors take the latest as it is).
 */
export interface SiteHours {
  stateOf(site: SiteRecord): HoursState;
  /** Tells the site's visitors when its state differs from what this process last told or saw. */
  check(site: SiteRecord): Promise<void>;
}

export function createSiteHours(ctx: DomainContext): SiteHours {
  const told = new Map<string, string>();
  const stateOf = (site: SiteRecord) => hoursState(site.settings.businessHours, ctx.now());
  return {
    stateOf,
    async check(site) {
      const hours = stateOf(site);
      const key = JSON.stringify(hours);
      const before = told.get(site.id);
      told.set(site.id, key);
      // The first look only learns: visitors connected before got the same state in their hello.
      if (before === undefined || before === key) return;
      await publishAll(ctx.bus, [Topics.siteVisitors(site.id)], { kind: 'hours', hours }, ctx.onPublishError);
    },
  };
}
