import { isDurable, type DurableEvent, type ServerEvent } from '../../protocol/index.ts';
import type { Bus } from '../bus/bus.ts';

/**
 * The bridge between the bus and one connection, with gap-free, duplicate-free resume:
 *
 *   subscribe (events buffer) -> read replay from the store -> ack -> replay -> release buffer -> live
 *
 * Subscribing before reading the replay means nothing committed in between is missed; the buffer
 * holds what arrives meanwhile, and on release every durable event the replay (or the client's
 * resume point) already covers is dropped: by site cursor for staff, by per-conversation seq for
 * visitors. Ephemeral events always pass.
 */
export interface LiveFeed {
  /** Subscribes to every topic; events are held until release. */
  start(topics: string[]): Promise<void>;
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

export function createLiveFeed(bus: Bus, deliver: (event: ServerEvent) => void): LiveFeed {
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

  return {
    async start(topics) {
      for (const topic of topics) {
        const off = await bus.subscribe(topic, (e) => (held ? held.push(e) : pass(e)));
        if (disposed) await off();
        else disposers.push(off);
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

/** What a visitor holds after replay: max of their resume point and the replayed seqs. */
export function visitorCoverage(held: Record<string, number> | undefined, replayed: DurableEvent[], reload: string[]): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const [id, seq] of Object.entries(held ?? {})) seqs.set(id, seq);
  for (const e of replayed) seqs.set(e.conversationId, Math.max(seqs.get(e.conversationId) ?? 0, e.seq));
  for (const id of reload) seqs.delete(id);
  return seqs;
}
