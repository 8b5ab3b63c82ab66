import { ParleyError } from '../../errors.ts';

/**
 * Another process (the CLI, a backup, a second server on the same file) may hold the database's write
 * lock. better-sqlite3 is synchronous, so SQLite's own busy_timeout would wait inside the call and
 * freeze the event loop: every request and socket of the server stalled for as long as the lock was
 * held. The store opens with busy_timeout 0 instead: a write that finds the lock taken fails at once
 * with SQLITE_BUSY and is tried again on a timer, so the server keeps serving meanwhile, until
 * `waitMs` after it was first tried; then it fails with the retryable code `unavailable`.
 *
 * Every write of the store goes through run() (the group commit through its own queue, with the same
 * deadline: append-queue.ts). A write is one synchronous function, so it could equally be posted to a
 * worker thread that owns the connection: nothing here assumes it runs on the main thread.
 */
export interface LockWait {
  /** Runs `write` now, or again and again while the lock is taken, for at most waitMs. */
  run<T>(write: () => T): Promise<T>;
  readonly waitMs: number;
  /** When a write first tried at `startedAt` gives up. */
  deadline(startedAt: number): number;
  /** The next delay between tries (grows from 2 ms to 50 ms). */
  delay(attempt: number): number;
  now(): number;
}

export interface LockWaitOptions {
  waitMs: number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT...): another connection holds a lock we need. */
export const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

export const lockTimeout = (waitMs: number) =>
  new ParleyError('unavailable', `The database is busy: another process has held its write lock for more than ${waitMs} ms. Try again in a moment.`);

export function createLockWait(opts: LockWaitOptions): LockWait {
  const now = opts.now ?? Date.now;
  const later = opts.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const wait: LockWait = {
    now,
    waitMs: opts.waitMs,
    deadline: (startedAt) => startedAt + opts.waitMs,
    delay: (attempt) => Math.min(50, 2 ** Math.min(attempt + 1, 6)),
    run<T>(write: () => T): Promise<T> {
      try {
        return Promise.resolve(write());
      } catch (err) {
        if (!isBusy(err)) return Promise.reject(err);
      }
      const until = wait.deadline(now());
      return new Promise<T>((resolve, reject) => {
        const retry = (attempt: number) => {
          try {
            resolve(write());
          } catch (err) {
            if (!isBusy(err)) return reject(err);
            if (now() >= until) return reject(lockTimeout(opts.waitMs));
            later(() => retry(attempt + 1), wait.delay(attempt));
          }
        };
        later(() => retry(0), wait.delay(0));
      });
    },
  };
  return wait;
}
