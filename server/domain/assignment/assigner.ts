import type { AgentCapacity, DurableEvent, StaffAvailability } from '../../../protocol/index.ts';
import type { AssignedConversation } from '../../store/assignment-records.ts';
import type { SiteRecord } from '../../store/store.ts';
import type { DomainContext } from '../context.ts';
import { publishDurable } from '../publish.ts';
import { agentsFull } from './agent-capacity.ts';
import { assignmentOn, assignmentRules, type AssignmentRules } from './assignment-settings.ts';
import type { QueueNotices } from './queue-notices.ts';

/**
 * Automatic assignment (site setting `assignment`): a conversation waiting in the site's queue goes to
 * an available agent (presence `online`) under their capacity, oldest conversation first, as soon as
 * there is one: when it arrives, when an agent comes online or frees a place, and on every sweep.
 *
 * The store decides (assignWaiting: one transaction under the site's lock), so this may run on any
 * number of processes at once, also twice on one: each conversation is assigned once, and nothing is
 * remembered here that a restart would lose (how long an agent has been away is the store's too).
 */
export interface Assigner {
  /** Something that may let the queue move happened on this site (committed events, presence): drain soon. */
  nudge(siteId: string): void;
  /** Events this process committed: drain when one may have changed the queue or a load. */
  committed(siteId: string, events: DurableEvent[]): void;
  /** Returns what waits on agents away too long, then drains: one site (the sweep calls it for each). */
  sweepSite(site: SiteRecord): Promise<AssignedConversation[]>;
  /** Waits for drains in progress. */
  idle(): Promise<void>;
  /** Whether every online agent of the site is full now, for a visitor's hello. */
  capacity(site: SiteRecord): Promise<AgentCapacity>;
}

export interface AssignerDeps {
  staffStatuses(siteId: string): Promise<Map<string, StaffAvailability>>;
  notices: QueueNotices;
}

export function createAssigner(ctx: DomainContext, deps: AssignerDeps): Assigner {
  /** Site -> the drain running, and whether another was asked for meanwhile. */
  const running = new Map<string, { done: Promise<void>; again: boolean }>();
  const report = (err: unknown) => ctx.onPublishError(err, 'assignment');

  async function drain(site: SiteRecord, statuses?: Map<string, StaffAvailability>): Promise<AssignedConversation[]> {
    const rules = assignmentRules(site.settings, ctx.config.assignmentCapacity);
    if (!rules.strategy) {
      // Off: no queue. Staff who were shown one (the mode was just turned off) are told it is empty.
      await deps.notices.publish(site.id, true);
      await deps.notices.capacity(site.id, { full: false, waiting: 0 });
      return [];
    }
    const present = statuses ?? (await deps.staffStatuses(site.id));
    const staff = await ctx.store.listStaff(site.id);
    // Read once per drain: a conversation routed to a team goes only to its members (teams/).
    const teams = await ctx.store.teamsOfStaff(site.id);
    const candidates = staff
      .filter((s) => present.get(s.id) === 'online')
      .map((s) => ({ staffId: s.id, capacity: rules.capacityOf(s.id), name: s.name, teams: teams[s.id] ?? [] }))
      .filter((c) => c.capacity > 0);
    const assigned: AssignedConversation[] = [];
    for (;;) {
      const r = await ctx.store.assignWaiting({ siteId: site.id, candidates, strategy: rules.strategy, at: ctx.now() });
      if (!r) break;
      publishDurable(ctx, site.id, r.visitorId, [r.event]);
      assigned.push(r);
    }
    await deps.notices.publish(site.id);
    await deps.notices.capacity(site.id, await capacityNow(site.id, rules, present));
    return assigned;
  }

  async function capacityNow(siteId: string, rules: AssignmentRules, statuses: Map<string, StaffAvailability>): Promise<AgentCapacity> {
    const full = agentsFull(rules, statuses, await ctx.store.assignedLoads(siteId));
    return { full, waiting: full ? (await ctx.store.queue(siteId, 1)).waiting : 0 };
  }

  /**
   * Agents away or offline longer than the site allows give back what waits on them. Since when each is
   * away is the store's (staff_away), so a restart or another process counts on from the same moment.
   */
  async function returnAway(site: SiteRecord, statuses: Map<string, StaffAvailability>): Promise<void> {
    const rules = assignmentRules(site.settings, ctx.config.assignmentCapacity);
    // Busy agents are there, only not taking new conversations: theirs stay.
    const present = [...statuses].filter(([, status]) => status === 'online' || status === 'busy').map(([id]) => id);
    const timeoutMs = rules.strategy ? rules.awayTimeoutMs : 0;
    // Nothing to count: forget what was counted (once; later sweeps find nothing and write nothing).
    if (timeoutMs <= 0 && Object.keys(await ctx.store.awayAgents(site.id)).length === 0) return;
    const names = Object.fromEntries((await ctx.store.listStaff(site.id)).map((s) => [s.id, s.name]));
    for (const r of await ctx.store.returnAway({ siteId: site.id, present, at: ctx.now(), timeoutMs, names })) publishDurable(ctx, site.id, r.visitorId, [r.event]);
  }

  function drainById(siteId: string): Promise<void> {
    const current = running.get(siteId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { done: Promise.resolve(), again: false };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          const site = await ctx.store.getSite(siteId);
          if (site) await drain(site);
        } while (entry.again);
      } finally {
        running.delete(siteId);
      }
    })();
    running.set(siteId, entry);
    return entry.done;
  }

  return {
    nudge: (siteId) => void drainById(siteId).catch(report),
    committed(siteId, events) {
      if (events.some(movesQueue)) drainById(siteId).catch(report);
    },
    async sweepSite(site) {
      if (!assignmentOn(site.settings)) {
        await returnAway(site, new Map()); // off: forgets who was counted away, if anyone
        return [];
      }
      const statuses = await deps.staffStatuses(site.id);
      await returnAway(site, statuses);
      return drain(site, statuses);
    },
    async capacity(site) {
      const rules = assignmentRules(site.settings, ctx.config.assignmentCapacity);
      if (!rules.strategy) return { full: false, waiting: 0 };
      return capacityNow(site.id, rules, await deps.staffStatuses(site.id));
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}

/** A new conversation, a reopen, a resolve, an unassign, a move to another team: the queue or an agent's load may have moved. Our own assignments do not. */
function movesQueue(e: DurableEvent): boolean {
  if (e.kind === 'conversation.created') return true;
  if (e.kind !== 'conversation.updated' || e.auto) return false;
  return e.changes.status !== undefined || e.changes.assigneeId !== undefined || e.changes.teamId !== undefined;
}
