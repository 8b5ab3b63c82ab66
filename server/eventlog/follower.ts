import type { DurableEvent } from '../../protocol/index.ts';
import type { Store } from '../store/store.ts';

/**
 * Follows every site's durable event log (the truth: see docs/architecture.md) for one named purpose,
 * such as email notifications, surviving restarts and shared among processes.
 *
 * Per site, the follower's cursor is in the store (log_followers) under a lease: one process at a
 * time reads a site's new events, hands them to `handle` in cursor order, and saves the cursor after
 * each batch. A process that crashes mid-batch has not saved it; whoever holds the lease next (after
 * it runs out) handles that batch again, so delivery is at least once and `handle` must be idempotent
 * (mark state, queue by a unique key). A poll reads each site's newest cursor and skips sites with
 * nothing new, so an idle site costs one read per poll.
 *
 * Under load a poll runs every few milliseconds on every process (each commit kicks one), and a claim
 * is a write transaction (a WAL flush on PostgreSQL): so a process claims only when it has to. The
 * holder goes on from the cursor it saved while its lease is younger than half of it (only the holder
 * moves the cursor); a process refused the lease asks again a quarter lease later, not every poll.
 * A crashed holder's sites are therefore taken over at most 1.25 leases after its last save.
 */
export interface LogFollowerOptions {
  name: string;
  store: Store;
  owner: string;
  now: () => number;
  leaseMs: number;
  /** Events read per batch. */
  batch?: number;
  /**
   * Whether anything of the site's log is wanted now (e.g. the site has webhook endpoints). When not,
   * the cursor moves past what is new without reading it: `handle` would have made nothing of it.
   * Asked after the site's newest cursor is read, so whatever is skipped was committed before it said no.
   */
  wanted?(siteId: string): Promise<boolean>;
  /** Handles a batch of one site's events (ascending cursor). Throwing leaves the cursor before the batch. */
  handle(siteId: string, events: DurableEvent[]): Promise<void>;
}

export interface LogFollower {
  /** Handles what is new on every site; answers how many events were handled. */
  poll(): Promise<number>;
}

export function createLogFollower(opts: LogFollowerOptions): LogFollower {
  const batch = opts.batch ?? 200;
  /**
   * Per site: the newest cursor this process knows is handled (by it or by the lease holder), and when
   * it last tried; `held`: our lease's cursor and end, as last claimed or saved; `refused`: the last
   * claim found another holder.
   */
  const seen = new Map<string, { cursor: number; triedAt: number; held?: { cursor: number; until: number }; refused?: boolean }>();

  async function followSite(siteId: string): Promise<number> {
    const latest = await opts.store.latestCursor(siteId);
    const known = seen.get(siteId);
    const since = known ? opts.now() - known.triedAt : Infinity;
    // Nothing new, unless another holder may have died with events unhandled: then retry after a lease.
    if (known && latest <= known.cursor && since < opts.leaseMs) return 0;
    // Another process follows the site (its commits kick it); ask again once its lease may be ending.
    if (known?.refused && since < opts.leaseMs / 4) return 0;
    const lease = { name: opts.name, siteId, owner: opts.owner, leaseMs: opts.leaseMs };
    const fresh = known?.held && opts.now() < known.held.until - opts.leaseMs / 2;
    let cursor = fresh ? known!.held!.cursor : await opts.store.claimLogFollower({ ...lease, now: opts.now() });
    if (cursor === null) {
      seen.set(siteId, { cursor: latest, triedAt: opts.now(), refused: true });
      return 0;
    }
    let held: { cursor: number; until: number } | undefined = fresh ? known!.held : { cursor, until: opts.now() + opts.leaseMs };
    const save = async (to: number) => {
      const now = opts.now();
      const ok = await opts.store.saveLogFollower({ ...lease, cursor: to, now });
      held = ok ? { cursor: to, until: now + opts.leaseMs } : undefined;
      return ok;
    };
    if (opts.wanted && !(await opts.wanted(siteId))) {
      if (latest > cursor) await save(latest);
      seen.set(siteId, { cursor: Math.max(cursor, latest), triedAt: opts.now(), held });
      return 0;
    }
    let handled = 0;
    for (;;) {
      const events = await opts.store.eventsAfterCursor(siteId, cursor, batch);
      if (events.length === 0) break;
      await opts.handle(siteId, events);
      handled += events.length;
      cursor = events[events.length - 1].cursor;
      if (!(await save(cursor))) break; // the lease went to another process
      if (events.length < batch) break;
    }
    seen.set(siteId, { cursor: Math.max(cursor, latest), triedAt: opts.now(), held });
    return handled;
  }

  return {
    async poll() {
      let handled = 0;
      for (const site of await opts.store.listSites()) handled += await followSite(site.id);
      return handled;
    },
  };
}
