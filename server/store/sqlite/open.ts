import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenOptions {
  /**
   * Milliseconds a statement waits on a lock held by another connection (the CLI) before SQLITE_BUSY,
   * blocking the thread meanwhile. The server's store passes 0 and waits on timers (lock-wait.ts).
   */
  busyTimeoutMs?: number;
}

/** Opens (creating the folder if needed) a SQLite file with Parley's pragmas. ':memory:' works too. */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers never block the writer and a commit is one sequential append to the -wal file.
  db.pragma('journal_mode = WAL');
  // synchronous=NORMAL with WAL: a commit is durable against a crash of the process (the WAL is in
  // the OS page cache and is replayed on open); only an OS crash or power loss can lose the last few
  // commits, and even then the database is never corrupted. FULL would fsync on every commit, which
  // caps throughput at the disk's fsync rate; group commit plus NORMAL is what lets us persist
  // tens of thousands of messages per second.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // What is deleted (a deleted message, an erased visitor, a swept upload) is overwritten with zeros,
  // not left in free pages of the file: privacy by default (docs/deploy.md, Privacy). Deletes are rare.
  db.pragma('secure_delete = ON');
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  // Temp b-trees (ORDER BY without an index, GROUP BY) in memory; a 64 MiB page cache.
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return db;
}
