import { isDurable, type ServerEvent } from '../../protocol/index.ts';

export interface SeqOrderOptions {
  /** How long an event waits for a missing lower seq before it is let through anyway. */
  gapWaitMs: number;
  /** Conversations remembered per listener; the least recently seen are forgotten beyond this. */
  maxConversations: number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void };
}

export interface SeqOrder {
  push(event: ServerEvent): void;
  /** Drops held events and timers (the listener is going away). */
  dispose(): void;
}

interface Slot {
  last: number;
  held: Map<number, ServerEvent>;
  timer: unknown;
}

const realTimers = {
  setTimeout: (fn: () => void, ms: number) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Puts one listener's durable events back in seq order per conversation. With several processes,
 * seq n+1 can be committed on B right after n on A and reach Redis first; clients drop an event at
 * or below the highest seq they have, so delivering n after n+1 would lose it. An event above the
 * next expected seq waits (up to gapWaitMs) for the missing ones; a gap that does not fill (a note
 * the visitor never receives, a failed publish) is let through after the wait, lowest seq first.
 * The first event of a conversation sets where it starts. Ephemeral events pass straight through.
 */
export function createSeqOrder(deliver: (event: ServerEvent) => void, opts: SeqOrderOptions): SeqOrder {
  const timers = opts.timers ?? realTimers;
  const slots = new Map<string, Slot>();
  let disposed = false;

  const release = (slot: Slot, upTo: number) => {
    // Everything held at or below upTo goes out in seq order, then whatever follows without a gap.
    for (const seq of [...slot.held.keys()].sort((a, b) => a - b)) {
      if (seq > upTo && seq !== slot.last + 1) break;
      const e = slot.held.get(seq)!;
      slot.held.delete(seq);
      slot.last = Math.max(slot.last, seq);
      deliver(e);
    }
  };

  const arm = (id: string, slot: Slot) => {
    if (slot.timer !== undefined || slot.held.size === 0) return;
    slot.timer = timers.setTimeout(() => {
      slot.timer = undefined;
      if (disposed || slots.get(id) !== slot) return;
      release(slot, Math.min(...slot.held.keys()));
      arm(id, slot);
    }, opts.gapWaitMs);
  };

  return {
    push(e) {
      if (disposed) return;
      if (!isDurable(e)) return deliver(e);
      const id = e.conversationId;
      let slot = slots.get(id);
      if (slot) {
        slots.delete(id); // re-inserted below: Map order is least recently seen first
      } else {
        slot = { last: e.seq - 1, held: new Map(), timer: undefined };
        if (slots.size >= opts.maxConversations) forgetOldest();
      }
      slots.set(id, slot);
      if (e.seq <= slot.last) return deliver(e); // late beyond the wait: still better delivered than dropped here
      slot.held.set(e.seq, e);
      if (e.seq === slot.last + 1) {
        release(slot, slot.last + 1);
        if (slot.held.size === 0 && slot.timer !== undefined) {
          timers.clearTimeout(slot.timer);
          slot.timer = undefined;
        }
      }
      arm(id, slot);
    },
    dispose() {
      disposed = true;
      for (const slot of slots.values()) if (slot.timer !== undefined) timers.clearTimeout(slot.timer);
      slots.clear();
    },
  };

  function forgetOldest() {
    for (const [id, slot] of slots) {
      if (slot.held.size) continue; // never forget events still waiting
      slots.delete(id);
      return;
    }
  }
}
