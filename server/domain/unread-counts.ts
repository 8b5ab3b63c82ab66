import type { DurableEvent } from '../../protocol/index.ts';
import type { Store } from '../store/store.ts';

/**
 * One connected agent's unread counts, kept in memory by the process that holds their sockets.
 * Loaded once (store.unreadForStaff), then moved by the site's durable events as they are heard:
 * a visitor's message adds one; the agent's own read or any deletion recounts that one conversation
 * (store.unreadForStaffInConversation). Nothing else changes an agent's counts (their own reply
 * does not move their read cursor).
 *
 * Exactly once, whatever the timing: an event may be committed before a store read and heard after
 * it. So every read says what it covered, and an event it covered is not applied again:
 * - the load is bracketed by the site's latest cursor before and after it. Events at or below
 *   `before` are in it; events above `after` are not; the few in between are recounted.
 * - a recount returns the conversation's seq it is exact for; that conversation's events heard while
 *   it ran are replayed against it, and later events at or below that seq are skipped.
 */
export interface AgentUnread {
  /** Reads the counts; events heard meanwhile are held and applied after. Call once. */
  load(): Promise<void>;
  /** A durable event of the agent's site (from here or another process), in any order. */
  observe(e: DurableEvent): void;
  /** Conversations with something unread, and their sum. */
  snapshot(): { counts: Record<string, number>; total: number };
  /** Settles when no store read of this agent is running. */
  idle(): Promise<void>;
  /** Stops applying events (the agent's last socket here closed). */
  dispose(): void;
}

export interface AgentUnreadDeps {
  store: Store;
  siteId: string;
  staffId: string;
  /** The counts changed (the caller decides when to push). */
  changed(): void;
  /** A recount failed: the count stays as it was until the conversation's next change. */
  onError(err: unknown): void;
}

type Effect = 'add' | 'recount' | null;

/** What an event does to this agent's count of its conversation. */
export function effectOn(e: DurableEvent, staffId: string): Effect {
  switch (e.kind) {
    case 'message.created':
      return e.message.author.kind === 'visitor' && !e.message.deleted && !e.message.note ? 'add' : null;
    case 'read.moved':
      return e.reader.kind === 'staff' && e.reader.id === staffId ? 'recount' : null;
    case 'message.deleted':
      return 'recount';
    case 'conversation.created':
    case 'conversation.updated':
      return null;
    default:
      // A kind added later: counting its conversation again is always right, if not cheapest.
      return 'recount';
  }
}

export function createAgentUnread(deps: AgentUnreadDeps): AgentUnread {
  const { store, staffId } = deps;
  const counts = new Map<string, number>();
  /** conversationId -> the seq its count is exact for (set by recounts). */
  const asOf = new Map<string, number>();
  /** Conversations being recounted -> their events heard meanwhile. */
  const recounting = new Map<string, DurableEvent[]>();
  /** Events heard before the load finished; null once loaded. */
  let held: DurableEvent[] | null = [];
  let loadedBefore = 0;
  let loadedAfter = 0;
  const running = new Set<Promise<void>>();
  let disposed = false;

  const track = (p: Promise<void>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  function set(conversationId: string, n: number): void {
    const old = counts.get(conversationId) ?? 0;
    if (n > 0) counts.set(conversationId, n);
    else counts.delete(conversationId);
    if (old !== n) deps.changed();
  }

  function apply(e: DurableEvent): void {
    const effect = effectOn(e, staffId);
    if (!effect || e.cursor <= loadedBefore) return;
    const id = e.conversationId;
    const waiting = recounting.get(id);
    if (waiting) return void waiting.push(e);
    if (e.seq <= (asOf.get(id) ?? 0)) return;
    if (effect === 'add' && e.cursor > loadedAfter) set(id, (counts.get(id) ?? 0) + 1);
    else recount(id);
  }

  function recount(conversationId: string): void {
    recounting.set(conversationId, []);
    const work = (async () => {
      let snap: { count: number; seq: number } | null = null;
      try {
        snap = await store.unreadForStaffInConversation(conversationId, staffId);
      } catch (err) {
        deps.onError(err);
      }
      const heard = recounting.get(conversationId) ?? [];
      recounting.delete(conversationId);
      if (disposed) return;
      if (snap) {
        asOf.set(conversationId, snap.seq);
        set(conversationId, snap.count);
      }
      for (const e of heard) apply(e);
    })();
    track(work);
  }

  return {
    async load() {
      const work = (async () => {
        // Sequential on purpose: on PostgreSQL the three reads must happen in this order.
        const before = await store.latestCursor(deps.siteId);
        const loaded = await store.unreadForStaff(deps.siteId, staffId);
        const after = await store.latestCursor(deps.siteId);
        if (disposed) return;
        loadedBefore = before;
        loadedAfter = after;
        for (const [id, n] of Object.entries(loaded)) if (n > 0) counts.set(id, n);
        const heard = held ?? [];
        held = null;
        for (const e of heard) apply(e);
      })();
      track(work);
      await work;
    },
    observe(e) {
      if (disposed) return;
      if (held) held.push(e);
      else apply(e);
    },
    snapshot() {
      const out: Record<string, number> = {};
      let total = 0;
      for (const [id, n] of counts) {
        out[id] = n;
        total += n;
      }
      return { counts: out, total };
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    dispose() {
      disposed = true;
      held = null;
    },
  };
}
