import type { DurableEvent, HelloResult, ServerFrame } from '../protocol/index.ts';
import type { ResumeTracker } from './resume.ts';

type Heartbeat = Extract<ServerFrame, { type: 'heartbeat' }>;

/** An events.fetch: positions after `after` up to `until`, of a conversation (seqs) or the site (cursors). */
export interface FetchRange {
  after: number;
  until: number;
  conversationId?: string;
}

export interface HoleDeps {
  positions: ResumeTracker;
  /** Hands an event to the app: once each, in order. */
  emit(e: DurableEvent): void;
  /** Sends events.fetch on this socket; `answer(upTo)` with the ack, `answer()` when it failed. */
  fetch(range: FetchRange, answer: (upTo?: number) => void): void;
  /** A hole this socket cannot fill (the fetch failed, too much held behind it): reconnect and resume. */
  giveUp(reason: string): void;
}

/** Events held behind holes before the client gives up on filling them and resumes instead. */
const MAX_HELD = 5_000;

/**
 * "I hold everything up to N", and what to do when an event shows otherwise (docs/protocol.md, Holes).
 * Staff hold the site's cursor (dense: an event above N + 1 shows a hole); a visitor holds a seq per
 * conversation (an event whose prevVisibleSeq is above N shows one; notes they never see do not).
 * An event that follows on is handed to the app and moves N; one behind a hole is held, and the
 * missing range is fetched (events.fetch): its events come as ordinary event frames, then the ack
 * says through which position the answer is complete, and whatever did not come does not exist. A
 * heartbeat's high-water mark above N is a hole at the end. Positions are keyed by target: '' for the
 * site (staff), a conversation id (visitor).
 *
 * Fetches wait for the end of the resume replay (ready), which fills holes by itself; everything held
 * is dropped when the socket goes down, since the next resume starts from N and replays it.
 */
export function createHoles(d: HoleDeps) {
  const pos = d.positions;
  const held = new Map<string, Map<number, DurableEvent>>();
  /** The highest position known to exist per target (a held event's predecessor, a heartbeat mark). */
  const wanted = new Map<string, number>();
  const fetching = new Set<string>();
  /** Visitor conversations the server said to reload through REST: no hole checks until markSeen. */
  const reloading = new Set<string>();
  let live = false;

  const staff = () => pos.role === 'staff';
  const done = (t: string) => (t ? (pos.seq(t) ?? 0) : (pos.cursor ?? 0));
  const setDone = (t: string, p: number) => (t ? pos.setSeq(t, p) : pos.setCursor(p));
  const position = (e: DurableEvent, t: string) => (t ? e.seq : e.cursor);
  const follows = (e: DurableEvent, t: string) => (t ? (e.prevVisibleSeq ?? 0) <= done(t) : e.cursor === done(t) + 1);

  /** `e` follows on: move the position and hand it over (staff: unless the app loaded it already, markSeen). */
  function take(e: DurableEvent, t: string) {
    setDone(t, position(e, t));
    if (t || e.seq > (pos.seq(e.conversationId) ?? 0)) {
      if (!t) pos.setSeq(e.conversationId, e.seq);
      d.emit(e);
    }
  }

  /**
   * Hands over held events that follow on now, in order. With `upTo` (a fetch answer, the end of the
   * replay) every event up to it has come: those held up to it go first, and positions up to it that
   * never came do not exist.
   */
  function settle(t: string, upTo = 0) {
    const m = held.get(t) ?? new Map<number, DurableEvent>();
    for (const p of [...m.keys()].sort((a, b) => a - b)) {
      const e = m.get(p)!;
      if (p > upTo) {
        if (upTo > done(t)) setDone(t, upTo);
        if (p > done(t) && !follows(e, t)) break;
      }
      m.delete(p);
      if (p > done(t)) take(e, t);
    }
    if (upTo > done(t)) setDone(t, upTo);
    if (!m.size) held.delete(t);
  }

  function want(t: string, upTo: number) {
    if (upTo > (wanted.get(t) ?? 0)) wanted.set(t, upTo);
    fill(t);
  }

  /** One fetch per target at a time; the next one, if still needed, starts where the last answer ended. */
  function fill(t: string) {
    const after = done(t);
    const until = wanted.get(t) ?? 0;
    if (!live || fetching.has(t)) return;
    if (until <= after) return void wanted.delete(t);
    fetching.add(t);
    d.fetch(t ? { conversationId: t, after, until } : { after, until }, (upTo = after) => {
      fetching.delete(t);
      // No answer, or one that does not move with events still held (a server contradicting
      // itself): resume instead of asking again forever.
      if (upTo <= after) {
        wanted.delete(t);
        return void (held.has(t) && d.giveUp('hole not filled'));
      }
      settle(t, upTo);
      fill(t);
    });
  }

  return {
    /** A durable event from the socket (replay, live or fetched). */
    receive(e: DurableEvent) {
      const t = staff() ? '' : e.conversationId;
      const p = position(e, t);
      if (reloading.has(t) || (!t && pos.cursor === undefined)) return void (p > done(t) && take(e, t));
      if (p <= done(t)) return;
      if (follows(e, t)) {
        take(e, t);
        return settle(t);
      }
      let m = held.get(t);
      if (!m) held.set(t, (m = new Map()));
      m.set(p, e);
      if (m.size > MAX_HELD) return d.giveUp('too many events behind a hole');
      want(t, t ? e.prevVisibleSeq! : p - 1);
    },
    /** The heartbeat's high-water mark: holding less is a hole at the end. */
    mark(hb: Heartbeat) {
      if (staff()) return void (hb.cursor !== undefined && want('', hb.cursor));
      for (const [t, seq] of Object.entries(hb.seqs ?? {})) if (!reloading.has(t)) want(t, seq);
    },
    /** After positions.hello: conversations to reload start over (after a restore they may be ahead). */
    hello(result: HelloResult) {
      reloading.clear();
      if (result.role === 'visitor') for (const t of result.resume?.reload ?? []) reloading.add(t), pos.dropSeq(t);
    },
    /** The replay is over (staff: complete through the ack's cursor): fill what is still missing. */
    ready(result: HelloResult) {
      live = true;
      if (staff()) settle('', result.resume?.cursor);
      for (const t of new Set([...held.keys(), ...wanted.keys()])) fill(t);
    },
    /** The socket is gone: the next resume replays everything above the positions. */
    down() {
      live = false;
      held.clear();
      wanted.clear();
      fetching.clear();
    },
    /** The app loaded a conversation through REST up to `seq` (see RealtimeClient.markSeen). */
    markSeen(t: string, seq: number) {
      // Visitor conversation being reloaded: live events since the hello came on top of what REST
      // loaded, so resume after the newer of both. Staff: only what is handed to the app changes.
      if (staff() || reloading.delete(t)) return void (seq > (pos.seq(t) ?? 0) && pos.setSeq(t, seq));
      if (seq <= done(t)) return;
      // Held events up to it: the app has them from REST.
      for (const p of held.get(t)?.keys() ?? []) if (p <= seq) held.get(t)!.delete(p);
      setDone(t, seq);
      settle(t);
    },
  };
}

export type Holes = ReturnType<typeof createHoles>;
