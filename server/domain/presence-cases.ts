import { Topics } from '../bus/bus.ts';
import { STAFF_AVAILABILITIES, type Actor, type PresenceEntry, type StaffAvailability } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { actorOf, loadConversation, requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { publishAll } from './routing.ts';
import { presenceDirectoryOf } from './presence-directory.ts';
import { createSharedPresenceCases } from './presence-shared.ts';

export type PresenceCases = ReturnType<typeof createLocalPresenceCases>;

/** Presence across processes when the bus carries a directory (scale-out), else this process's registry. */
export function createPresenceCases(ctx: DomainContext): PresenceCases {
  const directory = presenceDirectoryOf(ctx.bus);
  return directory ? createSharedPresenceCases(ctx, directory) : createLocalPresenceCases(ctx);
}

/**
 * Presence use cases over the in-memory registry. Publishing is convergent: after any change we
 * compute the current status and publish it only if it differs from the last one published, so
 * async gaps (loading a stored availability) can never leave a stale "online" behind.
 */
function createLocalPresenceCases(ctx: DomainContext) {
  const lastStaffStatus = new Map<string, StaffAvailability>();
  const lastSummary = new Map<string, StaffAvailability>();

  const publish = (topics: string[], event: Parameters<typeof publishAll>[2]) => publishAll(ctx.bus, topics, event, ctx.onPublishError);

  async function refreshStaff(siteId: string, staffId: string): Promise<void> {
    const status = ctx.presence.staffStatus(staffId);
    if (lastStaffStatus.get(staffId) !== status) {
      lastStaffStatus.set(staffId, status);
      const entry: PresenceEntry = { actor: { kind: 'staff', id: staffId }, status };
      await publish([Topics.siteStaff(siteId), Topics.staff(staffId)], { kind: 'presence', entry });
    }
    const summary = ctx.presence.summary(siteId);
    if ((lastSummary.get(siteId) ?? 'offline') !== summary) {
      lastSummary.set(siteId, summary);
      await publish([Topics.siteVisitors(siteId)], { kind: 'availability', status: summary });
    }
    ctx.assignment?.staffChanged(siteId);
  }

  async function visitorChanged(siteId: string, actor: Actor, online: boolean): Promise<void> {
    await publish([Topics.siteStaff(siteId)], { kind: 'presence', entry: { actor, status: online ? 'online' : 'offline' } });
  }

  /** A staff member's first connection starts at the availability they last stored (away/busy), else online. */
  async function staffCameOnline(siteId: string, staffId: string): Promise<void> {
    if (ctx.presence.chosen(staffId) === undefined) {
      const stored = (await ctx.store.getStaff(staffId))?.availability;
      if (ctx.presence.chosen(staffId) === undefined) ctx.presence.choose(staffId, stored === 'away' || stored === 'busy' ? stored : 'online');
    }
    await refreshStaff(siteId, staffId);
    await ctx.unread.connected(siteId, staffId);
  }

  const report = (err: unknown) => ctx.onPublishError(err, 'presence', { kind: 'availability', status: 'offline' });

  return {
    connected(p: Principal, connectionId: string): void {
      const actor = actorOf(p);
      const first = ctx.presence.add(p.siteId, actor, connectionId);
      if (p.kind === 'staff') {
        // Every new staff connection gets its counts, the first one also announces presence.
        const work = first ? staffCameOnline(p.siteId, p.staffId) : ctx.unread.connected(p.siteId, p.staffId);
        work.catch(report);
      } else if (first) {
        visitorChanged(p.siteId, actor, true).catch(report);
      }
    },

    disconnected(p: Principal, connectionId: string): void {
      const actor = actorOf(p);
      if (!ctx.presence.remove(p.siteId, actor, connectionId)) return;
      if (p.kind === 'staff') {
        ctx.unread.disconnected(p.siteId, p.staffId);
        refreshStaff(p.siteId, p.staffId).catch(report);
      } else {
        visitorChanged(p.siteId, actor, false).catch(report);
      }
    },

    async setAvailability(p: Principal, status: StaffAvailability): Promise<void> {
      const staff = requireStaff(p, 'Setting availability');
      if (!STAFF_AVAILABILITIES.includes(status)) fail('bad_request', `status must be one of ${STAFF_AVAILABILITIES.join(', ')}.`);
      ctx.presence.choose(staff.staffId, status);
      await ctx.store.setStaffAvailability(staff.staffId, status);
      await refreshStaff(staff.siteId, staff.staffId);
    },

    /** In a conversation: its visitor and the connected staff. Site-wide (staff only): all staff and online visitors. */
    async queryPresence(p: Principal, conversationId?: string): Promise<PresenceEntry[]> {
      const staffList = await ctx.store.listStaff(p.siteId);
      const names = new Map(staffList.map((s) => [s.id, s.name]));
      if (conversationId !== undefined && conversationId !== null) {
        const c = await loadConversation(ctx.store, p, conversationId);
        const visitor: Actor = { kind: 'visitor', id: c.visitorId };
        const entries: PresenceEntry[] = [{ actor: visitor, status: ctx.presence.isOnline(visitor) ? 'online' : 'offline' }];
        for (const id of ctx.presence.connectedStaff(c.siteId)) {
          const status = ctx.presence.staffStatus(id);
          if (status !== 'offline') entries.push({ actor: { kind: 'staff', id }, status, name: names.get(id) });
        }
        return entries;
      }
      requireStaff(p, 'Site-wide presence');
      const staffEntries: PresenceEntry[] = staffList.map((s) => ({
        actor: { kind: 'staff', id: s.id },
        status: ctx.presence.staffStatus(s.id),
        name: s.name,
      }));
      const visitors = ctx.presence.entries(p.siteId).filter((e) => e.actor.kind === 'visitor');
      return [...staffEntries, ...visitors];
    },

    availabilityFor: (siteId: string): StaffAvailability => ctx.presence.summary(siteId),

    /** Every connected staff member of the site with the status visitors and routing see (absent: offline). */
    async staffStatuses(siteId: string): Promise<Map<string, StaffAvailability>> {
      return new Map(ctx.presence.connectedStaff(siteId).map((id) => [id, ctx.presence.staffStatus(id)]));
    },
  };
}
