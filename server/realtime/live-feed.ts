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

export function createLiveFeed(bus: Bus, feeds: Feeds, deliver: (event: ServerEvent) => void): LiveFeed {
  let held: ServerEvent[] | null = [];
  let covered: Coverage = {};
  const disposers: (() => Promise<void> | void)[] = [];
  let disposed = false;

  const alreadyDelivered = (e: DurableEvent): boolean => {
    if (covered.cursor !== undefined && e.cursor <= covered.cursor) return true;
    const seq = covered.seqs?.get(e.conversationId);
    return seq !== undefined && e.seq <= seq;
  };
  const pass = (e: ServerEvent) => {
    if (disposed) return;
    if (isDurable(e) && alreadyDelivered(e)) return;
    deliver(e);
  };
  const receive = (e: ServerEvent) => (held ? held.push(e) : pass(e));
  const keep = (off: () => Promise<void> | void) => (disposed ? void off() : void disposers.push(off));

  return {
    async start(siteId, audience, topics) {
      const listening = await feeds.listen(siteId, audience, receive);
      keep(listening.off);
      for (const topic of topics) {
        const subscribed = bus.subscribe(topic, receive);
        // While the bus is down (Redis) the subscription waits for it; the socket does not.
        if (!bus.up) {
          void subscribed.then(keep, () => {});
          continue;
        }
        keep(await subscribed);
      }
    },
    release(c) {
      covered = c;
      const queue = held ?? [];
      held = null;
      for (const e of queue) pass(e);
    },
    async dispose() {
      disposed = true;
      held = null;
      await Promise.all(disposers.splice(0).map((off) => off()));
    },
  };
}

/**
 * What a visitor holds after replay: max of their resume point and the replayed seqs. Conversations to
 * reload are left out, so their live events pass (the client reloads them and starts over from REST).
 */
export function visitorCoverage(held: Record<string, number> | undefined, replayed: DurableEvent[], reload: string[]): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const [id, seq] of Object.entries(held ?? {})) seqs.set(id, seq);
  for (const e of replayed) seqs.set(e.conversationId, Math.max(seqs.get(e.conversationId) ?? 0, e.seq));
  for (const id of reload) seqs.delete(id);
  return seqs;
}
