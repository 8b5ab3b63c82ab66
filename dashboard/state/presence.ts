import type { EphemeralEvent, PresenceEntry, StaffAvailability } from '../../protocol/index.ts';

/**
 * Who is around: visitors online (dots in the inbox, the visitor panel) and each agent's
 * availability (assignee select, own selector). Ephemeral: rebuilt from presence.query on
 * every hello, then patched by presence events.
 */
export interface PresenceState {
  visitors: Record<string, boolean>;
  staff: Record<string, StaffAvailability>;
}

export const emptyPresence: PresenceState = { visitors: {}, staff: {} };

type PresenceEvent = Extract<EphemeralEvent, { kind: 'presence' }>;

export function applyPresenceEntry(s: PresenceState, entry: PresenceEntry): PresenceState {
  if (entry.actor.kind === 'visitor') {
    const online = entry.status !== 'offline';
    if (s.visitors[entry.actor.id] === online) return s;
    return { ...s, visitors: { ...s.visitors, [entry.actor.id]: online } };
  }
  if (s.staff[entry.actor.id] === entry.status) return s;
  return { ...s, staff: { ...s.staff, [entry.actor.id]: entry.status } };
}

export function applyPresenceEvent(s: PresenceState, e: PresenceEvent): PresenceState {
  return applyPresenceEntry(s, e.entry);
}

/**
 * A fresh snapshot (presence.query answer, after each hello) replaces what we knew: anyone we
 * had seen who is not in it went offline while we were away.
 */
export function presenceFromSnapshot(entries: PresenceEntry[], previous: PresenceState = emptyPresence): PresenceState {
  const visitors: Record<string, boolean> = {};
  for (const id of Object.keys(previous.visitors)) visitors[id] = false;
  const staff: Record<string, StaffAvailability> = {};
  for (const id of Object.keys(previous.staff)) staff[id] = 'offline';
  return entries.reduce(applyPresenceEntry, { visitors, staff });
}

export function isVisitorOnline(s: PresenceState, visitorId: string, fallback: boolean): boolean {
  return s.visitors[visitorId] ?? fallback;
}
