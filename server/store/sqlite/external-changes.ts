import type Database from 'better-sqlite3';

/**
 * Whether another connection (the CLI, a second process on the same file) has committed since we last
 * looked: `PRAGMA data_version` changes exactly then, never for this connection's own commits. The
 * in-memory caches over this connection (conversation counters and send targets, sites) register here
 * and are all dropped on such a change: one rule and one query for every cache.
 */
export class ExternalChanges {
  private version = -1;
  private readonly listeners: (() => void)[] = [];
  private stmt?: Database.Statement;

  constructor(private readonly raw: Database.Database) {}

  /** `drop` is called on every change seen by check(), including the first check. */
  onChange(drop: () => void): void {
    this.listeners.push(drop);
  }

  check(): void {
    // Prepared on first use: the store is created before migrate() runs.
    const v = (this.stmt ??= this.raw.prepare('PRAGMA data_version').pluck()).get() as number;
    if (v === this.version) return;
    this.version = v;
    for (const drop of this.listeners) drop();
  }
}
