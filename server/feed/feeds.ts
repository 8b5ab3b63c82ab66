import { randomUUID } from 'node:crypto';
import type { DurableEvent } from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';
import type { RoutedEvent, Store } from '../store/store.ts';
import { unrefTimers, type Timers } from '../timers.ts';
import { addMember, membersOf, removeMember, type OneOrMore } from '../one-or-more.ts';
import { SiteFeed } from './site-feed.ts';

/**
 * Who a listener is: staff of the site get every durable event; a visitor the events of their own
 * conversations that a visitor may see (as `forVisitor` shapes them).
 */
export type Audience = { kind: 'staff' } | { kind: 'visitor'; visitorId: string };

export interface FeedListener {
  (event: DurableEvent): void;
}

export interface Feeds {
  /**
   * Listen to a site's durable events, in cursor order, each once. Resolves with the cursor the feed
   * had delivered when the listener joined: the listener gets every event above it. Its disposer stops it.
   */
  listen(siteId: string, audience: Audience, listener: FeedListener): Promise<{ cursor: number; off: () => void }>;
  /** Events this process just committed (in any order; after the commit). Delivered here at once and sent to the other processes. */
  committed(siteId: string, events: RoutedEvent[]): void;
  /**
   * Something may be committed and not published (a resend found the first send's commit, whose process
   * may have died before publishing it): compare with the store now, here and on every other process.
   */
  hint(siteId: string): void;
  /** The highest cursor of the site delivered here without a hole (undefined when not followed). */
  cursor(siteId: string): number | undefined;
  /**
   * The newest cursor of the site this process knows of: delivered here, or seen in the store at the
   * last check (undefined when not followed). Heartbeats carry it so staff clients can check
   * themselves against the store, not only against this process.
   */
  latest(siteId: string): number | undefined;
  /** Runs the periodic comparison with the store now, as its timer would (tests). */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface FeedsDeps {
  store: Pick<Store, 'routedEventsAfterCursor' | 'latestCursors'>;
  bus: Bus;
  /** Shapes an event for a visitor (domain/routing.ts eventForVisitor). */
  forVisitor: (e: DurableEvent) => DurableEvent;
  /** Config.reorderWaitMs. */
  gapWaitMs: number;
  /** Config.feedCheckMs; 0 turns the periodic check off (tests that drive check()). */
  checkMs: number;
  onError: (err: unknown, where: string) => void;
  /** Events read from the store rather than received (metrics). */
  onBackfill?: (siteId: string, events: number) => void;
  timers?: Timers;
}

/** What processes send each other on a site's feed channel. `from` lets a process skip its own. */
type Wire = { from: string; events: RoutedEvent[] } | { from: string; hint: true };

interface Site {
  feed: SiteFeed | null;
  /** Resolves once the feed follows the site (bus subscribed, start cursor read). */
  ready: Promise<SiteFeed>;
  staff: Set<FeedListener>;
  /** By visitor id: nearly always one socket's listener (no Set for it). */
  visitors: Map<string, OneOrMore<FeedListener>>;
  offBus: Promise<(() => Promise<void> | void) | null>;
  /** The store's latest cursor at the previous check. */
  seenLatest: number;
  /** Events that arrived while the feed was starting. */
  early: RoutedEvent[];
}

/**
 * The site feeds of one process: for every site this process has listeners for, one SiteFeed (cursor
 * order, holes filled from the store) fed by this process's own commits and, through the bus, by
 * every other process's. This is how "the store is the truth, the bus a hint" holds for live events:
 *
 * - a commit here is delivered here at once, and published on the site's bus channel for the others;
 * - an event that arrives after a hole waits gapWaitMs for the missing ones, then they are read;
 * - every checkMs the store's latest cursors of all followed sites are read in one query; a site still
 *   behind what the store had at the previous check (a commit whose process died before publishing,
 *   a message the bus lost) is filled. While the bus is down the check runs every fifth of checkMs and
 *   fills whatever is missing, so live delivery goes on from the store; when it comes back, at once.
 */
export function createFeeds(deps: FeedsDeps): Feeds {
  const me = randomUUID();
  const timers = deps.timers ?? unrefTimers;
  const sites = new Map<string, Site>();
  const networked = deps.bus.kind !== 'local';
  let closed = false;
  let checkTimer: unknown;
  let checking: Promise<void> | null = null;

  function fanOut(site: Site, r: RoutedEvent): void {
    for (const l of [...site.staff]) l(r.event);
    if (!r.visible) return;
    const visitors = site.visitors.get(r.visitorId);
    if (visitors === undefined) return;
    const shaped = deps.forVisitor(r.event);
    for (const l of membersOf(visitors)) l(shaped);
  }

  function follow(siteId: string): Site {
    let site = sites.get(siteId);
    if (site) return site;
    const s: Site = {
      feed: null,
      staff: new Set(),
      visitors: new Map(),
      seenLatest: 0,
      early: [],
      offBus: Promise.resolve(null),
      ready: null as unknown as Promise<SiteFeed>,
    };
    sites.set(siteId, s);
    const onWire = (m: Wire) => {
      if (m.from === me || sites.get(siteId) !== s) return;
      if ('hint' in m) return void check([siteId], true).catch((err) => deps.onError(err, 'feed check'));
      for (const e of m.events) (s.feed ? s.feed.push(e) : s.early.push(e));
    };
    // Listen first, then read where the store is: a commit after the read arrives, one before it is below the start.
    const subscribed = networked ? deps.bus.subscribe<Wire>(Topics.siteFeed(siteId), onWire) : Promise.resolve(null);
    s.offBus = subscribed.catch((err) => (deps.onError(err, 'feed subscribe'), null));
    // While the bus is down the subscription waits for it; the feed starts anyway and reads from the store.
    const listening = deps.bus.up ? s.offBus : Promise.resolve(null);
    s.ready = listening
      .then(() => deps.store.latestCursors([siteId]))
      .then((latest) => {
        const start = latest[siteId] ?? 0;
        const feed = new SiteFeed(start, {
          read: (after, limit) => deps.store.routedEventsAfterCursor(siteId, after, limit),
          deliver: (e) => fanOut(s, e),
          gapWaitMs: deps.gapWaitMs,
          timers,
          onError: (err) => deps.onError(err, 'feed fill'),
          onBackfill: (n) => deps.onBackfill?.(siteId, n),
        });
        s.feed = feed;
        s.seenLatest = start;
        for (const e of s.early.splice(0)) feed.push(e);
        return feed;
      });
    s.ready.catch(() => {
      if (sites.get(siteId) === s) drop(siteId, s);
    });
    return s;
  }

  function drop(siteId: string, s: Site): void {
    sites.delete(siteId);
    s.feed?.close();
    void s.offBus.then((off) => off?.()).catch((err) => deps.onError(err, 'feed unsubscribe'));
  }

  function unlisten(siteId: string, s: Site, audience: Audience, listener: FeedListener): void {
    if (audience.kind === 'staff') s.staff.delete(listener);
    else removeMember(s.visitors, audience.visitorId, listener);
    if (s.staff.size === 0 && s.visitors.size === 0 && sites.get(siteId) === s) drop(siteId, s);
  }

  /** Compares followed sites with the store; `all`: fill whatever is missing (else only what was missing at the last check). */
  async function check(ids: string[], all: boolean): Promise<void> {
    const followed = ids.filter((id) => sites.get(id)?.feed);
    if (followed.length === 0) return;
    const latest = await deps.store.latestCursors(followed);
    for (const id of followed) {
      const s = sites.get(id);
      if (!s?.feed) continue;
      const now = latest[id] ?? 0;
      s.feed.behind(all ? now : Math.min(now, s.seenLatest));
      s.seenLatest = now;
    }
  }

  function schedule(): void {
    if (closed || deps.checkMs <= 0) return;
    const ms = deps.bus.up ? deps.checkMs : Math.max(10, Math.floor(deps.checkMs / 5));
    checkTimer = timers.setTimeout(() => {
      checkTimer = undefined;
      checking = check([...sites.keys()], !deps.bus.up)
        .catch((err) => deps.onError(err, 'feed check'))
        .finally(() => {
          checking = null;
          schedule();
        });
    }, ms);
  }
  schedule();
  const offStatus = deps.bus.onStatus((up) => {
    if (!up || closed) return;
    // Whatever was published while the bus was away is lost: read it now.
    void check([...sites.keys()], true).catch((err) => deps.onError(err, 'feed check'));
  });

  return {
    async listen(siteId, audience, listener) {
      if (closed) throw new Error('feeds are closed');
      const s = follow(siteId);
      if (audience.kind === 'staff') s.staff.add(listener);
      else addMember(s.visitors, audience.visitorId, listener);
      const off = () => unlisten(siteId, s, audience, listener);
      try {
        const feed = await s.ready;
        return { cursor: feed.cursor, off };
      } catch (err) {
        off();
        throw err;
      }
    },
    committed(siteId, events) {
      if (closed || events.length === 0) return;
      const s = sites.get(siteId);
      if (s) for (const e of events) (s.feed ? s.feed.push(e) : s.early.push(e));
      if (!networked) return;
      deps.bus.publish<Wire>(Topics.siteFeed(siteId), { from: me, events }).catch((err) => deps.onError(err, 'feed publish'));
    },
    hint(siteId) {
      if (closed) return;
      void check([siteId], true).catch((err) => deps.onError(err, 'feed check'));
      if (networked) deps.bus.publish<Wire>(Topics.siteFeed(siteId), { from: me, hint: true }).catch((err) => deps.onError(err, 'feed publish'));
    },
    cursor: (siteId) => sites.get(siteId)?.feed?.cursor,
    latest(siteId) {
      const s = sites.get(siteId);
      return s?.feed ? Math.max(s.feed.cursor, s.seenLatest) : undefined;
    },
    check: () => check([...sites.keys()], !deps.bus.up),
    async close() {
      closed = true;
      offStatus();
      if (checkTimer !== undefined) timers.clearTimeout(checkTimer);
      await checking;
      for (const [id, s] of [...sites]) drop(id, s);
    },
  };
}
