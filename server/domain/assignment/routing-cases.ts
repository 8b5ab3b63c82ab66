import type { AgentCapacity, HoursState, StaffAvailability } from '../../../protocol/index.ts';
import { fail } from '../../errors.ts';
import type { DomainContext } from '../context.ts';
import { requireStaff } from '../authorize.ts';
import type { Principal } from '../principal.ts';
import { createReplyTimes } from '../reply-time.ts';
import { createSiteHours } from '../hours/site-hours.ts';
import { createAssigner } from './assigner.ts';
import { assignmentOn } from './assignment-settings.ts';
import { createQueueNotices } from './queue-notices.ts';

/** What a visitor's hello says beyond the staff summary: hours, the usual reply time, their places in the queue. */
export interface VisitorOutlook {
  hours: HoursState;
  replyMinutes?: number;
  queue: { conversationId: string; position: number }[];
  capacity: AgentCapacity;
}

/**
 * Business hours, reply time and automatic assignment wired together for one domain: the hooks the
 * domain calls (commits, staff presence), the sweep every process runs every PARLEY_ASSIGNMENT_CHECK_MS
 * (hours opening and closing, agents away too long, whatever still waits), and the reads.
 */
export function createRoutingCases(ctx: DomainContext, presence: { staffStatuses(siteId: string): Promise<Map<string, StaffAvailability>> }) {
  const notices = createQueueNotices(ctx, ctx.config.queueListed);
  const assigner = createAssigner(ctx, { staffStatuses: presence.staffStatuses, notices });
  const hours = createSiteHours(ctx);
  const replyTimes = createReplyTimes(ctx);
  const siteSettingsChanged = async (siteId: string): Promise<void> => {
    const site = await ctx.store.getSite(siteId);
    if (!site) return;
    await hours.check(site);
    assigner.nudge(siteId);
  };
  ctx.assignment = {
    committed: assigner.committed,
    staffChanged: assigner.nudge,
    settingsChanged: (siteId) => void siteSettingsChanged(siteId).catch((err) => ctx.onPublishError(err, 'assignment')),
  };

  return {
    /** One pass over every site; resolves with how many conversations it assigned. */
    async sweep(): Promise<number> {
      let assigned = 0;
      for (const site of await ctx.store.listSites()) {
        await hours.check(site);
        assigned += (await assigner.sweepSite(site)).length;
      }
      return assigned;
    },

    /** An admin changed the site's settings: visitors hear of new hours at once, and the queue moves under new rules. */
    async siteSettingsChanged(siteId: string): Promise<void> {
      const site = await ctx.store.getSite(siteId);
      if (!site) return;
      await hours.check(site);
      assigner.nudge(siteId);
    },

    async visitorOutlook(p: Principal): Promise<VisitorOutlook> {
      if (p.kind !== 'visitor') return fail('forbidden', 'Only visitors have an outlook.');
      const site = (await ctx.store.getSite(p.siteId)) ?? fail('not_found', 'No such site.');
      const replyMinutes = await replyTimes.minutesFor(site);
      const queue = assignmentOn(site.settings) ? await notices.positionsOf(site.id, p.visitorId) : [];
      const capacity = await assigner.capacity(site);
      return { hours: hours.stateOf(site), ...(replyMinutes !== undefined ? { replyMinutes } : {}), queue, capacity };
    },

    /**
     * Staff: how many conversations wait for an agent, oldest first. With assignment off nothing waits in a
     * queue (as visitors are told, and as `queue.changed` says): unassigned conversations are just that.
     */
    async queue(p: Principal): Promise<{ waiting: number; conversationIds: string[] }> {
      requireStaff(p, 'The queue');
      const site = (await ctx.store.getSite(p.siteId)) ?? fail('not_found', 'No such site.');
      if (!assignmentOn(site.settings)) return { waiting: 0, conversationIds: [] };
      const { entries, waiting } = await ctx.store.queue(p.siteId, ctx.config.queueListed);
      return { waiting, conversationIds: entries.map((e) => e.conversationId) };
    },

    idle: () => assigner.idle(),
    close: () => notices.close(),
  };
}

export type RoutingCases = ReturnType<typeof createRoutingCases>;
