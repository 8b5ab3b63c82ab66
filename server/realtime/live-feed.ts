import { isDurable, type DurableEvent, type ServerEvent } from '../../protocol/index.ts';
import type { Bus } from '../bus/bus.ts';
import type { Audience, Feeds } from '../feed/feeds.ts';

/**
 * The bridge between one connection and what it must see, with gap-free, duplicate-free resume:
 *
 *   listen (events held) -> read replay from the store -> ack -> replay -> release held -> live
 *
 * Durable events come from the site feed (server/feed/: cursor order, holes filled from the store),
 * ephemeral ones from the bus topics. Listening before reading the replay means nothing committed in
 * between is missed; what arrives meanwhile is held, and on release every durable event the replay
 * (or the client's resume point) already covers is dropped: by site cursor for staff, by
 * per-conversation seq for visitors. Ephemeral events always pass.
 */
export interface LiveFeed {
  /** Listens to the site feed and every topic; events are held until release. */
  start(siteId: string, audience: Audience, topics: string[]): Promise<void>;
  /** Sets what the client already has, flushes the held events through the filter and goes live. */
  release(covered: Coverage): void;
  dispose(): Promise<void>;
}

export interface Coverage {
  /** Staff: every durable event with cursor <= this is already delivered. */
  cursor?: number;
  /** Visitor: per conversation, every event with seq <= this is already delivered. */
  seqs?: Map<string, number>;
}

/** Where a live feed hands the events that pass: the session (an object, so no closure per socket is made for it). */
export interface EventSink {
  deliver(event: ServerEvent): void;
}

export function createLiveFeed(bus: Bus, feeds: Feeds, sink: EventSink): LiveFeed {
  return new HeldFeed(bus, feeds, sink);
}

/** Nothing covered yet (before release, or a first hello): one object for every socket. */
const NOTHING: Coverage = Object.freeze({});

/** A class, not closures: one per socket, so an idle one pays for its fields and one listener (findings.md #19). */
class HeldFeed implements LiveFeed {
  private held: ServerEvent[] | null = [];
  private covered: Coverage = NOTHING;
  private disposers: (() => Promise<void> | void)[] = [];
  private disposed = false;
  /** The one function handed to the feed and the bus topics. */
  private readonly receive = (e: ServerEvent): void => {
    if (this.held) this.held.push(e);
    else this.pass(e);
  };

  constructor(
    private readonly bus: Bus,
    private readonly feeds: Feeds,
    private readonly sink: EventSink,
  ) {}

  private alreadyDelivered(e: DurableEvent): boolean {
    const covered = this.covered;
    if (covered.cursor !== undefined && e.cursor <= covered.cursor) return true;
    const seq = covered.seqs?.get(e.conversationId);
    return seq !== undefined && e.seq <= seq;
  }

  private pass(e: ServerEvent): void {
    if (this.disposed) return;
    if (isDurable(e) && this.alreadyDelivered(e)) return;
    this.sink.deliver(e);
  }

  private keep(off: () => Promise<void> | void): void {
    if (this.disposed) void off();
    else this.disposers.push(off);
  }

  async start(siteId: string, audience: Audience, topics: string[]): Promise<void> {
    const listening = await this.feeds.listen(siteId, audience, this.receive);
    this.keep(listening.off);
    for (const topic of topics) {
      const subscribed = this.bus.subscribe(topic, this.receive);
      // While the bus is down (Redis) the subscription waits for it; the socket does not.
      if (!this.bus.up) {
        void subscribed.then((off) => this.keep(off), () => {});
        continue;
      }
      this.keep(await subscribed);
    }
  }

  release(c: Coverage): void {
    this.covered = c.cursor === undefined && c.seqs === undefined ? NOTHING : c;
    const queue = this.held ?? [];
    this.held = null;
    for (const e of queue) this.pass(e);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.held = null;
    await Promise.all(this.disposers.splice(0).map((off) => off()));
  }
}

/**
 * What a visitor holds after replay: max of their resume point and the replayed seqs. Conversations to
 * reload are left out, so their live events pass (the client reloads them and starts over from REST).
 * Undefined when that is nothing (a first hello): no empty map kept for the socket's life.
 */
export function visitorCoverage(held: Record<string, number> | undefined, replayed: DurableEvent[], reload: string[]): Map<string, number> | undefined {
  if (!held && replayed.length === 0) return undefined;
  const seqs = new Map<string, number>();
  for (const [id, seq] of Object.entries(held ?? {})) seqs.set(id, seq);
  for (const e of replayed) seqs.set(e.conversationId, Math.max(seqs.get(e.conversationId) ?? 0, e.seq));
  for (const id of reload) seqs.delete(id);
  return seqs.size ? seqs : undefined;
}
