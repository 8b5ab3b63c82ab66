import { isDurable, type DurableEvent, type ServerEvent } from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';

/**
 * The durable events the unread counts follow (unread-counts.ts), for the sites that have agents
 * on this process. It listens to `site:<id>:staff` on the bus, so commits made here and commits made
 * on another process (scale-out, through Redis) arrive the same way, each once: the bus is the only
 * source, and the counts never hear an event twice. With the in-process bus, delivery is synchronous
 * inside the committing use case's publish.
 */
export interface UnreadRelay {
  /**
   * A site's agent arrived on this process: listen to the site (once, however many agents). Resolves
   * when listening, so a read of the counts made after it cannot miss a later commit; rejects when
   * the bus refused (the caller tries again with the agent's next socket).
   */
  join(siteId: string): Promise<void>;
  /** The site's last agent on this process left: stop listening. */
  leave(siteId: string): void;
  /** Stops every subscription (shutdown). */
  close(): void;
}

export function createUnreadRelay(
  bus: Bus,
  onEvent: (siteId: string, e: DurableEvent) => void,
  onError: (err: unknown) => void,
): UnreadRelay {
  /** siteId -> its subscription's disposer. One entry per listening site. */
  const sites = new Map<string, Promise<(() => Promise<void> | void) | null>>();

  function unsubscribe(sub: Promise<(() => Promise<void> | void) | null>): void {
    void sub.then((off) => off?.()).catch(onError);
  }

  return {
    join(siteId) {
      let sub = sites.get(siteId);
      if (!sub) {
        const listener = (e: ServerEvent) => {
          // A subscription replaced by a newer one (leave, then join) may still be called until its
          // disposer ran; only the current one counts, or an event would be counted twice.
          if (sites.get(siteId) === sub && isDurable(e)) onEvent(siteId, e);
        };
        sub = bus.subscribe(Topics.siteStaff(siteId), listener).catch((err) => {
          onError(err);
          if (sites.get(siteId) === sub) sites.delete(siteId);
          return null;
        });
        sites.set(siteId, sub);
      }
      return sub.then((off) => {
        if (!off) throw new Error(`could not listen to site ${siteId}`);
      });
    },
    leave(siteId) {
      const sub = sites.get(siteId);
      if (!sub) return;
      sites.delete(siteId);
      unsubscribe(sub);
    },
    close() {
      for (const sub of sites.values()) unsubscribe(sub);
      sites.clear();
    },
  };
}
