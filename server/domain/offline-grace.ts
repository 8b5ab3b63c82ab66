import type { Timers } from './domain.ts';
import type { PresenceCases } from './presence-cases.ts';
import type { Principal } from './principal.ts';

/**
 * A visitor's socket is uncounted only `graceMs` after it closes. Visitors drop their socket all
 * the time without leaving: a click to another page of the host site, a reload, a phone switching
 * networks, a server restart. Counted a little longer, a socket that is replaced within the grace
 * changes nothing (the new one is not the first, the old one not the last), so staff see no
 * offline/online flicker, and a reconnect storm of N visitors costs no 2N presence events to every
 * agent. Staff sockets are uncounted at once: their availability is what visitors are told.
 */
export interface OfflineGrace {
  disconnected(p: Principal, connectionId: string): void;
  /** Uncounts every socket still in its grace now (shutdown), so no announcement is left pending. */
  flush(): void;
}

export function createOfflineGrace(cases: Pick<PresenceCases, 'disconnected'>, graceMs: number, timers: Timers): OfflineGrace {
  const pending = new Map<string, { handle: unknown; p: Principal }>();
  // After flush (shutdown), late closes are uncounted at once: no timer may outlive the domain.
  let flushed = false;

  const uncount = (connectionId: string) => {
    const entry = pending.get(connectionId);
    if (!entry) return;
    pending.delete(connectionId);
    cases.disconnected(entry.p, connectionId);
  };

  return {
    disconnected(p, connectionId) {
      if (p.kind !== 'visitor' || graceMs <= 0 || flushed) return cases.disconnected(p, connectionId);
      const handle = timers.setTimeout(() => uncount(connectionId), graceMs);
      pending.set(connectionId, { handle, p });
    },
    flush() {
      flushed = true;
      for (const [connectionId, { handle }] of [...pending]) {
        timers.clearTimeout(handle);
        uncount(connectionId);
      }
    },
  };
}
