import type { DurableEvent } from '../../protocol/index.ts';
import type { Feeds } from '../feed/feeds.ts';

/**
 * The durable events the unread counts follow (unread-counts.ts), for the sites that have agents
 * on this process. It listens to the site's feed (server/feed/), so commits made here and commits made
 * on another process arrive the same way, each once, in cursor order, holes filled from the store:
 * the counts never hear an event twice and do not miss one the bus lost.
 */
export interface UnreadRelay {
  /**
   * A site's agent arrived on this process: listen to the site (once, however many agents). Resolves
   * when listening, so a read of the counts made after it cannot miss a later commit; rejects when
   * the feed could not start (the caller tries again with the agent's next socket).
   */
  join(siteId: string): Promise<void>;
  /** The site's last agent on this process left: stop listening. */
  leave(siteId: string): void;
  /** Stops every subscription (shutdown). */
  close(): void;
}

export function createUnreadRelay(
  feeds: Feeds,
  onEvent: (siteId: string, e: DurableEvent) => void,
  onError: (err: unknown) => void,
): UnreadRelay {
  /** siteId -> its subscription's disposer. One entry per listening site. */
  const sites = new Map<string, Promise<(() => void) | null>>();

  function unsubscribe(sub: Promise<(() => void) | null>): void {
    void sub.then((off) => off?.()).catch(onError);
  }

  return {
    join(siteId) {
      let sub = sites.get(siteId);
      if (!sub) {
        const listener = (e: DurableEvent) => {
          // A subscription replaced by a newer one (leave, then join) may still be called until its
          // disposer ran; only the current one counts, or an event would be counted twice.
          if (sites.get(siteId) === sub) onEvent(siteId, e);
        };
        sub = feeds.listen(siteId, { kind: 'staff' }, listener).then(
          (l) => l.off,
          (err) => {
            onError(err);
            if (sites.get(siteId) === sub) sites.delete(siteId);
            return null;
          },
        );
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
