import type { HelloResult, ResumePoint } from '../protocol/index.ts';
import type { KeyValueStorage } from './api.ts';
import { jsonSlot } from './storage.ts';

interface Stored {
  role?: 'visitor' | 'staff';
  /**
   * Per conversation. Visitor: every event they may see up to this seq is held (no hole below it).
   * Staff: the highest seq handed to the app (REST loads included, see markSeen), to drop repeats.
   */
  seqs: Record<string, number>;
  /** Staff: every event of the site up to this cursor is held (no hole below it). */
  cursor?: number;
}

/**
 * Where this client is, persisted under `<storageKey>:resume` so a reload resumes instead of starting
 * over. The positions only move past events that follow on without a hole (client/holes.ts decides),
 * so a reconnect resumes from the last point known to be complete and the server replays the rest.
 */
export function createResumeTracker(storage: KeyValueStorage, storageKey: string) {
  const slot = jsonSlot<Stored>(storage, `${storageKey}:resume`, () => ({ seqs: {} }));
  // Each instance keeps its own view (what *it* delivered); storage is only the starting point of
  // the next page load, so tabs overwriting each other just means a little more replay.
  const state: Stored = normalize(slot.read());
  const save = () => slot.write(state);

  return {
    get role() {
      return state.role;
    },
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
    seq: (conversationId: string): number | undefined => state.seqs[conversationId],
    setSeq(conversationId: string, seq: number) {
      state.seqs[conversationId] = seq;
      save();
    },
    dropSeq(conversationId: string) {
      delete state.seqs[conversationId];
      save();
    },
    get cursor() {
      return state.cursor;
    },
    setCursor(cursor: number) {
      state.cursor = cursor;
      save();
    },
    /**
     * Learn from the hello ack. The staff cursor is adopted only when nothing is replayed (first
     * connect) or the site must reload anyway; otherwise the replayed events advance it one by one,
     * so a drop in the middle of a replay resumes from the last event actually delivered. A site
     * reload starts the per-conversation seqs over too (after a restore they may be above the server's).
     */
    hello(result: HelloResult) {
      state.role = result.role;
      const cursor = result.resume?.cursor;
      const reloadSite = result.resume?.reload?.includes('site');
      if (reloadSite) state.seqs = {};
      if (typeof cursor === 'number' && (reloadSite || !result.resume.replayed)) {
        if (reloadSite || state.cursor === undefined || cursor > state.cursor) state.cursor = cursor;
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
