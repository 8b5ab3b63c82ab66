import type { DurableEvent, HelloResult, ResumePoint } from '../protocol/index.ts';
import type { KeyValueStorage } from './api.ts';
import { jsonSlot } from './storage.ts';

interface Stored {
  role?: 'visitor' | 'staff';
  /** Highest seq delivered per conversation. */
  seqs: Record<string, number>;
  /** Highest site-wide cursor delivered (staff resume from it). */
  cursor?: number;
}

/**
 * Where this client is in every conversation, persisted under `<storageKey>:resume` so a reload
 * resumes instead of starting over. It is also the dedupe filter: seq is gap-free and monotonic per
 * conversation, so an event at or below the highest seq already delivered is a duplicate (a replay
 * racing a live event, or an event re-sent after a reconnect) and is dropped. Gaps above are fine:
 * a visitor never sees staff notes, which take seqs too.
 */
export function createResumeTracker(storage: KeyValueStorage, storageKey: string) {
  const slot = jsonSlot<Stored>(storage, `${storageKey}:resume`, () => ({ seqs: {} }));
  // Each instance keeps its own view (what *it* delivered); storage is only the starting point of
  // the next page load, so tabs overwriting each other just means a little more replay.
  const state: Stored = normalize(slot.read());

  const save = () => slot.write(state);

  return {
    /**
     * What to send in hello: per-conversation seqs for visitors, the site cursor for staff. Until
     * the role is known, both. The visitor map is sent even when empty: the server replays every
     * conversation missing from it from the start, so one created just before a drop (or in another
     * tab before this one subscribed) is not missed. Staff ignore it. To skip replaying history the
     * app already loaded through REST, call markSeen() before start().
     */
    point(): ResumePoint {
      const point: ResumePoint = {};
      if (state.role !== 'staff') point.conversations = { ...state.seqs };
      if (state.role !== 'visitor' && state.cursor !== undefined) point.cursor = state.cursor;
      return point;
    },
    /** True when the event is new (deliver it); records it. False for a duplicate (drop it). */
    accept(event: DurableEvent): boolean {
      const seen = state.seqs[event.conversationId] ?? 0;
      if (event.seq <= seen) return false;
      state.seqs[event.conversationId] = event.seq;
      if (typeof event.cursor === 'number' && event.cursor > (state.cursor ?? 0)) state.cursor = event.cursor;
      save();
      return true;
    },
    /** The app loaded a conversation through REST up to `seq`. Never moves backwards. */
    markSeen(conversationId: string, seq: number) {
      if (!(seq > (state.seqs[conversationId] ?? 0))) return;
      state.seqs[conversationId] = seq;
      save();
    },
    /**
     * Learn from the hello ack. The staff cursor is adopted only when nothing is replayed (first
     * connect) or the site must reload anyway; otherwise the replayed events advance it one by one,
     * so a drop in the middle of a replay resumes from the last event actually delivered.
     */
    hello(result: HelloResult) {
      state.role = result.role;
      const cursor = result.resume?.cursor;
      const reloadSite = result.resume?.reload?.includes('site');
      if (typeof cursor === 'number' && (reloadSite || !result.resume.replayed)) {
        if (reloadSite || cursor > (state.cursor ?? 0)) state.cursor = cursor;
      }
      save();
    },
  };
}

function normalize(s: Partial<Stored> | null | undefined): Stored {
  const seqs: Record<string, number> = {};
  if (s && s.seqs && typeof s.seqs === 'object') {
    // Only what the server accepts: anything else would fail every hello with bad_request.
    for (const [k, v] of Object.entries(s.seqs)) if (isSeq(v)) seqs[k] = v;
  }
  return {
    role: s?.role === 'staff' || s?.role === 'visitor' ? s.role : undefined,
    seqs,
    cursor: isSeq(s?.cursor) ? s.cursor : undefined,
  };
}

const isSeq = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

export type ResumeTracker = ReturnType<typeof createResumeTracker>;
