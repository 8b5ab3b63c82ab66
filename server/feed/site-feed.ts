import type { RoutedEvent } from '../store/store.ts';
import type { Timers } from '../timers.ts';

export interface SiteFeedDeps {
  /** The store's log of this site after a cursor (Store.routedEventsAfterCursor). */
  read(afterCursor: number, limit: number): Promise<RoutedEvent[]>;
  /** Called once per event, in cursor order, without a hole. */
  deliver(e: RoutedEvent): void;
  /** How long an event behind a hole waits for the missing ones to arrive before they are read. */
  gapWaitMs: number;
  timers: Timers;
  /** A read failed; it is tried again (after gapWaitMs). */
  onError(err: unknown): void;
  /** Filled from the store instead of the bus (metrics, tests). */
  onBackfill?(events: number): void;
}

/** Events read per store call while filling. */
const PAGE = 500;

/**
 * One site's durable events as one process receives them: from its own commits (at once) and from
 * other processes through the bus, which may lose, repeat or reorder them. Delivers each event once,
 * in cursor order, with no hole: `cursor` is the highest one delivered, and everything at or below it
 * was. Cursors are dense per site (store.ts), so an event above `cursor + 1` shows a hole. It waits
 * up to gapWaitMs for the missing ones (committed on another process just before, still on their
 * way), then they are read from the store, the truth. A report that the store is ahead (behind(): a
 * periodic check, a hint after a duplicate send, the bus reconnecting) reads at once.
 *
 * The store is also the judge of what is a hole: a read that starts after an event above the hole
 * arrived sees every commit below it (a cursor is visible only once all lower ones are), so whatever
 * it does not return does not exist (cursors from before the per-site counter have gaps) and is
 * skipped.
 */
export class SiteFeed {
  /** Highest cursor delivered; everything at or below it was. */
  cursor: number;
  /** Events above a hole, by cursor, with the arrival number they came in with. */
  private readonly pending = new Map<number, { e: RoutedEvent; arrival: number }>();
  private arrivals = 0;
  private timer: unknown = undefined;
  private filling = false;
  /** A fill was asked for while one ran: run again after it, up to at least this cursor. */
  private again = false;
  private closed = false;

  constructor(
    startCursor: number,
    private readonly deps: SiteFeedDeps,
  ) {
    this.cursor = startCursor;
  }

  push(e: RoutedEvent): void {
    if (this.closed) return;
    const c = e.event.cursor;
    if (c <= this.cursor || this.pending.has(c)) return;
    if (c === this.cursor + 1) {
      this.advance(e);
      this.drain();
    } else {
      this.pending.set(c, { e, arrival: ++this.arrivals });
      this.arm();
    }
  }

  /** The store (or another process) says the site reached `latest`: read what is missing now. */
  behind(latest: number): void {
    if (this.closed || latest <= this.cursor) return;
    void this.fill();
  }

  close(): void {
    this.closed = true;
    this.pending.clear();
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private advance(e: RoutedEvent): void {
    this.cursor = e.event.cursor;
    this.deps.deliver(e);
  }

  /** Delivers pending events that follow on without a hole. */
  private drain(): void {
    for (let next = this.pending.get(this.cursor + 1); next; next = this.pending.get(this.cursor + 1)) {
      this.pending.delete(this.cursor + 1);
      this.advance(next.e);
    }
    if (this.pending.size === 0 && this.timer !== undefined) {
      this.deps.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private arm(): void {
    if (this.timer !== undefined || this.filling) return;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.pending.size > 0) void this.fill();
    }, this.deps.gapWaitMs);
  }

  private async fill(): Promise<void> {
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = true;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
    try {
      do {
        this.again = false;
        const seenBefore = this.arrivals;
        let page: RoutedEvent[];
        do {
          page = await this.deps.read(this.cursor, PAGE);
          if (this.closed) return;
          let filled = 0;
          for (const e of page) {
            if (e.event.cursor <= this.cursor) continue;
            this.pending.delete(e.event.cursor);
            this.advance(e);
            filled++;
          }
          if (filled) this.deps.onBackfill?.(filled);
          this.drain();
        } while (page.length === PAGE);
        this.skipConfirmedHoles(seenBefore);
      } while (this.again && !this.closed);
    } catch (err) {
      this.deps.onError(err);
      this.filling = false;
      // Try again later: the events behind the hole keep waiting, in order.
      if (!this.closed) this.timer = this.deps.timers.setTimeout(() => ((this.timer = undefined), void this.fill()), this.deps.gapWaitMs);
      return;
    }
    this.filling = false;
    if (this.pending.size > 0) this.arm();
  }

  /** Holes below events that had arrived before the read began are not in the store: skip them. */
  private skipConfirmedHoles(seenBefore: number): void {
    for (;;) {
      let lowest: number | undefined;
      for (const [c, p] of this.pending) if (p.arrival <= seenBefore && (lowest === undefined || c < lowest)) lowest = c;
      if (lowest === undefined) return;
      const p = this.pending.get(lowest)!;
      this.pending.delete(lowest);
      this.advance(p.e);
      this.drain();
    }
  }
}
