import { STAFF_AVAILABILITIES, type Actor, type PresenceEntry, type StaffAvailability } from '../../protocol/index.ts';
import { Topics } from '../bus/bus.ts';
import { fail } from '../errors.ts';
import { actorOf, loadConversation, requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { PresenceCases } from './presence-cases.ts';
import type { PresenceDirectory } from './presence-directory.ts';
import type { Principal } from './principal.ts';
import { publishAll } from './routing.ts';

/** Visitor ids start with a prefix (vis_): this one matches none. */
const NO_VISITOR = '-';

/**
 * Presence use cases when several processes serve one site (scale-out). Every socket is counted in
 * the shared directory, which announces online/offline and the visitors' availability summary when
 * they change across all processes. The in-memory registry still tracks this process's sockets:
 * unread counts are kept for the agents connected here (unread.ts; commits made on other processes
 * reach them through the bus).
 */
export function createSharedPresenceCases(ctx: DomainContext, directory: PresenceDirectory): PresenceCases {
  /** Sockets counted in the directory; a socket that closed before it was counted is not uncounted. */
  const counted = new Set<string>();
  const report = (err: unknown) => ctx.onPublishError(err, 'presence', { kind: 'availability', status: 'offline' });

  /** A staff member's first socket anywhere starts at the availability they last stored (away/busy), else online. */
  const storedChoice = async (staffId: string): Promise<StaffAvailability> => {
    const stored = (await ctx.store.getStaff(staffId))?.availability;
    return stored === 'away' || stored === 'busy' ? stored : 'online';
  };

  return {
    connected(p: Principal, connectionId: string): void {
      const actor = actorOf(p);
      ctx.presence.add(p.siteId, actor, connectionId);
      counted.add(connectionId);
      if (p.kind === 'staff') {
        const choice = { mode: 'seed' as const, status: () => storedChoice(p.staffId) };
        directory
          .change({ siteId: p.siteId, actor, delta: 1, choice })
          .then(() => ctx.assignment?.staffChanged(p.siteId))
          .catch(report);
        // Every new staff socket gets its counts now (a new tab has none yet).
        ctx.unread.connected(p.siteId, p.staffId).catch(report);
        return;
      }
      // The hello ack carries availabilityFor(site); a process that has not learnt the site's summary
      // yet may have answered 'offline', so the visitor's sockets get the real one as an event.
      const cold = directory.cachedSummary(p.siteId) === undefined;
      directory
        .change({ siteId: p.siteId, actor, delta: 1 })
        .then(({ summary }) => (cold ? publishAll(ctx.bus, [Topics.visitor(p.visitorId)], { kind: 'availability', status: summary }, ctx.onPublishError) : undefined))
        .catch(report);
    },

    disconnected(p: Principal, connectionId: string): void {
      if (!counted.delete(connectionId)) return;
      const actor = actorOf(p);
      const last = ctx.presence.remove(p.siteId, actor, connectionId);
      directory
        .change({ siteId: p.siteId, actor, delta: -1 })
        .then(() => p.kind === 'staff' && ctx.assignment?.staffChanged(p.siteId))
        .catch(report);
      if (p.kind === 'staff' && last) {
        ctx.unread.disconnected(p.siteId, p.staffId);
      }
    },

    async setAvailability(p: Principal, status: StaffAvailability): Promise<void> {
      const staff = requireStaff(p, 'Setting availability');
      if (!STAFF_AVAILABILITIES.includes(status)) fail('bad_request', `status must be one of ${STAFF_AVAILABILITIES.join(', ')}.`);
      ctx.presence.choose(staff.staffId, status);
      await ctx.store.setStaffAvailability(staff.staffId, status);
      await directory.change({ siteId: staff.siteId, actor: actorOf(p), delta: 0, choice: { mode: 'set', status: () => status } });
      ctx.assignment?.staffChanged(staff.siteId);
    },

    /** In a conversation: its visitor and the connected staff. Site-wide (staff only): all staff and online visitors. */
    async queryPresence(p: Principal, conversationId?: string): Promise<PresenceEntry[]> {
      const staffList = await ctx.store.listStaff(p.siteId);
      const names = new Map(staffList.map((s) => [s.id, s.name]));
      if (conversationId !== undefined && conversationId !== null) {
        const c = await loadConversation(ctx.store, p, conversationId);
        const online = await directory.snapshot(c.siteId, c.visitorId);
        const visitor: Actor = { kind: 'visitor', id: c.visitorId };
        const visitorOnline = online.some((e) => e.actor.kind === 'visitor' && e.actor.id === c.visitorId);
        const staff = online.filter((e) => e.actor.kind === 'staff' && e.status !== 'offline' && names.has(e.actor.id));
        return [{ actor: visitor, status: visitorOnline ? 'online' : 'offline' }, ...staff.map((e) => ({ ...e, name: names.get(e.actor.id) }))];
      }
      requireStaff(p, 'Site-wide presence');
      const online = await directory.snapshot(p.siteId);
      const staffStatus = new Map(online.filter((e) => e.actor.kind === 'staff').map((e) => [e.actor.id, e.status]));
      const staffEntries: PresenceEntry[] = staffList.map((s) => ({ actor: { kind: 'staff', id: s.id }, status: staffStatus.get(s.id) ?? 'offline', name: s.name }));
      return [...staffEntries, ...online.filter((e) => e.actor.kind === 'visitor')];
    },

    availabilityFor: (siteId: string): StaffAvailability => directory.cachedSummary(siteId) ?? ctx.presence.summary(siteId),

    /** Connected staff across every process (no visitors: the snapshot is asked for a visitor id that is none). */
    async staffStatuses(siteId: string): Promise<Map<string, StaffAvailability>> {
      const online = await directory.snapshot(siteId, NO_VISITOR);
      return new Map(online.filter((e) => e.actor.kind === 'staff').map((e) => [e.actor.id, e.status]));
    },
  };
}
