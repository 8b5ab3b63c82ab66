import type Database from 'better-sqlite3';

/**
 * The full-text index follows the messages table a little behind instead of inside every group
 * commit. FTS5 writes a new segment per transaction and merges segments as they pile up, so indexing
 * each commit's few messages made every small commit write several more pages to the WAL and every
 * few commits pay for a merge: at 1,000 msg/s that was most of the commits that took 10-20 ms
 * (bench/findings.md). Now new messages are indexed together, one transaction per `intervalMs`, and
 * anything that reads the index first catches up, so a search never misses a committed message.
 *
 * `search_index_state.indexed_upto` is the highest messages.pk indexed, moved in the same transaction
 * as the index, which mirrors the content table row for row (a deleted message is indexed with its
 * empty text), so FTS5's integrity-check holds. The update and delete triggers on messages touch the
 * index only at or below indexed_upto: an FTS5 'delete' of a row never indexed would corrupt it.
 */
export class SearchIndex {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stmts?: { upto: Database.Statement; index: Database.Statement; move: Database.Statement; top: Database.Statement };
  private readonly run: Database.Transaction<() => number>;

  constructor(
    private readonly raw: Database.Database,
    private readonly intervalMs: number,
    /** A catch-up that failed on its own schedule (SQLITE_BUSY past busy_timeout, disk full): the next one retries. */
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.run = raw.transaction(() => {
      const s = this.st();
      const upto = s.upto.get() as number;
      const top = (s.top.get() as number | null) ?? 0;
      if (top <= upto) return 0;
      const n = s.index.run(upto, top).changes;
      s.move.run(top);
      return n;
    });
  }

  private st() {
    // Prepared on first use: the store is created before migrate() makes the tables.
    return (this.stmts ??= {
      upto: this.raw.prepare('SELECT indexed_upto FROM search_index_state').pluck(),
      top: this.raw.prepare('SELECT MAX(pk) FROM messages').pluck(),
      index: this.raw.prepare('INSERT INTO messages_fts (rowid, text) SELECT pk, text FROM messages WHERE pk > ? AND pk <= ?'),
      move: this.raw.prepare('UPDATE search_index_state SET indexed_upto = ?'),
    });
  }

  /** After each group commit: index what it added within intervalMs. Never throws (readers catch up anyway). */
  committed(): void {
    if (this.intervalMs <= 0) return this.tryCatchUp();
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tryCatchUp();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private tryCatchUp(): void {
    try {
      this.catchUp();
    } catch (err) {
      this.onError(err);
    }
  }

  /** Indexes every committed message not indexed yet; returns how many. Call before reading the index. */
  catchUp(): number {
    // Inside a caller's transaction this becomes a savepoint: same effect.
    return this.raw.inTransaction ? this.run() : this.run.immediate();
  }

  /** Stops the timer (the store catches up once more before it closes). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
