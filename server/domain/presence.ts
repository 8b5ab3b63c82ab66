import type { Actor, PresenceEntry, StaffAvailability } from '../../protocol/index.ts';
import { addMember, removeMember, type OneOrMore } from '../one-or-more.ts';

/**
 * In-memory presence of one server process. Connection-counted: a visitor with three tabs stays
 * online until the last one closes. Staff show the availability they chose (online/away/busy)
 * while connected and `offline` when no connection is left.
 *
 * The registry only keeps state and reports transitions; the caller publishes them.
 */
export interface PresenceRegistry {
  /** Returns true when this was the actor's first connection (they just came online). */
  add(siteId: string, actor: Actor, connectionId: string): boolean;
  /** Returns true when this was the actor's last connection (they just went offline). */
  remove(siteId: string, actor: Actor, connectionId: string): boolean;
  isOnline(actor: Actor): boolean;
  /** The availability a staff member picked; kept across their reconnects. */
  chosen(staffId: string): StaffAvailability | undefined;
  choose(staffId: string, status: StaffAvailability): void;
  /** online/away/busy when connected (their choice, default online), else offline. */
  staffStatus(staffId: string): StaffAvailability;
  /** Everyone connected on a site right now. */
  entries(siteId: string): PresenceEntry[];
  /** Ids of staff members of a site with at least one connection. */
  connectedStaff(siteId: string): string[];
  /** What a visitor is told: online if anyone is online, else busy (there, but occupied: "all agents are busy"), else away, else offline. */
  summary(siteId: string): StaffAvailability;
}

const key = (a: Actor) => `${a.kind}:${a.id}`;
const SUMMARY_ORDER: StaffAvailability[] = ['online', 'busy', 'away'];

export function createPresenceRegistry(): PresenceRegistry {
  /** actor key -> open connection ids (most actors have one: no Set for it) */
  const connections = new Map<string, OneOrMore<string>>();
  /** siteId -> actor keys with connections, for per-site listings */
  const bySite = new Map<string, Map<string, Actor>>();
  /**
   * siteId -> connected staff ids. Kept apart from bySite: the availability summary is computed on
   * every visitor hello, and scanning every connected visitor of the site for the few staff made a
   * reconnect storm of N visitors cost N² (10,000 visitors: 10^8 steps).
   */
  const staffBySite = new Map<string, Set<string>>();
  const choices = new Map<string, StaffAvailability>();

  const registry: PresenceRegistry = {
    add(siteId, actor, connectionId) {
      const k = key(actor);
      const first = !connections.has(k);
      addMember(connections, k, connectionId);
      let site = bySite.get(siteId);
      if (!site) bySite.set(siteId, (site = new Map()));
      site.set(k, actor);
      if (actor.kind === 'staff') {
        let staff = staffBySite.get(siteId);
        if (!staff) staffBySite.set(siteId, (staff = new Set()));
        staff.add(actor.id);
      }
      return first;
    },
    remove(siteId, actor, connectionId) {
      const k = key(actor);
      if (!removeMember(connections, k, connectionId)) return false;
      if (connections.has(k)) return false;
      const site = bySite.get(siteId);
      site?.delete(k);
      if (site?.size === 0) bySite.delete(siteId);
      if (actor.kind === 'staff') {
        const staff = staffBySite.get(siteId);
        staff?.delete(actor.id);
        if (staff?.size === 0) staffBySite.delete(siteId);
      }
      return true;
    },
    isOnline: (actor) => connections.has(key(actor)),
    chosen: (staffId) => choices.get(staffId),
    choose: (staffId, status) => void choices.set(staffId, status),
    staffStatus(staffId) {
      if (!registry.isOnline({ kind: 'staff', id: staffId })) return 'offline';
      // A connected agent who chose 'offline' appears offline (invisible mode).
      return choices.get(staffId) ?? 'online';
    },
    entries(siteId) {
      const out: PresenceEntry[] = [];
      for (const actor of bySite.get(siteId)?.values() ?? []) {
        out.push({ actor, status: actor.kind === 'staff' ? registry.staffStatus(actor.id) : 'online' });
      }
      return out;
    },
    connectedStaff(siteId) {
      return [...(staffBySite.get(siteId) ?? [])];
    },
    summary(siteId) {
      const statuses = new Set<StaffAvailability>();
      for (const id of staffBySite.get(siteId) ?? []) statuses.add(registry.staffStatus(id));
      return SUMMARY_ORDER.find((s) => statuses.has(s)) ?? 'offline';
    },
  };
  return registry;
}
