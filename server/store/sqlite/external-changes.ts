import type Database from 'better-sqlite3';

/**
 * Whether another connection (the CLI, a second process on the same file) has committed since we last
 * looked: `PRAGMA data_version` changes exactly then, never for this connection's own commits. The
 * in-memory caches over this connection (conversation counters and send targets, sites) register here
 * and are all dropped on such a change: one rule and one query for every cache.
 *
 * Outside a transaction the PRAGMA is a read transaction of its own (its WAL-index locks are four
 * `fcntl` calls, findings #21), so it is asked at most once per turn of the event loop, and a write
 * transaction's check counts as that turn's check.
 */
export class ExternalChanges {
  private version = -1;
  private readonly listeners: (() => void)[] = [];
  private stmt?: Database.Statement;
  /** Set once checked in this turn of the event loop; cleared on setImmediate (see check). */
  private checkedThisTurn = false;
  private readonly endTurn = () => {
    this.checkedThisTurn = false;
  };

  constructor(private readonly raw: Pick<Database.Database, 'prepare'>) {}

  /** `drop` is called on every change seen by check(), including the first check. */
  onChange(drop: () => void): void {
    this.listeners.push(drop);
  }

  /**
   * For reads outside a write transaction (sites, blocks, send targets): at most one PRAGMA per turn of
   * the event loop. What another process commits during this turn is seen from the next one, as if the
   * read had come a moment earlier (it was 2 % of the server at 10,000 msg/s as one PRAGMA per message).
   */
  check(): void {
    if (!this.checkedThisTurn) this.checkNow();
  }

  /**
   * Inside a write transaction (which holds the lock): always asks, so nothing committed before it is
   * missed. It also stands for this turn's check(): it asked later than any check() before it in this
   * turn, and a commit of another process after it is seen from the next turn on, as check() promises.
   * So the reads that follow a group commit in its turn (the next send's target) need no PRAGMA.
   */
  checkNow(): void {
    if (!this.checkedThisTurn) {
      this.checkedThisTurn = true;
      setImmediate(this.endTurn);
    }
    // Prepared on first use: the store is created before migrate() runs.
    const v = (this.stmt ??= this.raw.prepare('PRAGMA data_version').pluck()).get() as number;
    if (v === this.version) return;
    this.version = v;
    for (const drop of this.listeners) drop();
  }
}
