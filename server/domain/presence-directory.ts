import type { Actor, PresenceEntry, StaffAvailability } from '../../protocol/index.ts';
import type { Bus } from '../bus/bus.ts';

/**
 * Presence across server processes (scale-out). The in-memory PresenceRegistry knows only this
 * process's sockets; a directory knows every process's, so "online" means a socket on any process
 * and "offline" means the last one anywhere closed (or its process stopped refreshing and expired).
 *
 * The directory announces transitions itself (presence and availability events on the bus), each
 * decided and published in one atomic step, so two processes never announce contradicting states
 * out of order. Implementation: server/scale/redis-presence.ts.
 */
export interface PresenceDirectory {
  /**
   * One socket of `actor` opened (+1) or closed (-1) on this process; 0 only re-announces. Calls for
   * one actor run in call order. Staff: `choice` seeds (first socket: their stored availability, if
   * no process has one yet) or sets (they picked one) the availability shown while connected.
   */
  change(input: PresenceChange): Promise<{ status: StaffAvailability; summary: StaffAvailability }>;
  /** Online visitors (all, or just `visitorId`) and connected staff with their status, across processes. */
  snapshot(siteId: string, onlyVisitor?: string): Promise<PresenceEntry[]>;
  /** The site's staff availability summary as last announced, or undefined before this process learnt it. */
  cachedSummary(siteId: string): StaffAvailability | undefined;
}

export interface PresenceChange {
  siteId: string;
  actor: Actor;
  delta: -1 | 0 | 1;
  choice?: { mode: 'seed' | 'set'; status: () => Promise<StaffAvailability> | StaffAvailability };
}

/** A bus that spans processes and carries a presence directory with it (server/scale/cluster-bus.ts). */
export interface BusWithPresence extends Bus {
  readonly presence: PresenceDirectory;
}

/** The directory a bus carries, or null on a bus without one (presence is then per process). */
export function presenceDirectoryOf(bus: Bus): PresenceDirectory | null {
  const dir = (bus as Partial<BusWithPresence>).presence;
  return dir && typeof dir.change === 'function' ? dir : null;
}

export const actorKey = (a: Actor) => `${a.kind}:${a.id}`;
