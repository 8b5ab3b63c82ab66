import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import type { Db } from './db.ts';
import { isBusy, lockTimeout, type LockWait } from './lock-wait.ts';
import { beginBatch, finishBatch, planAppend, writeAppend, type AppendBatch } from './append.ts';
import { trace, traceOn, wallNow } from './trace.ts';

export interface AppendQueueOptions {
  /** Most appends committed in one transaction. */
  maxBatch: number;
  /** Told after each COMMIT how many appends it held (the WAL checkpointer paces itself on it). */
  onCommit?: (appends: number) => void;
  /** Also told how long the transaction took, BEGIN to COMMIT (metrics). */
  onGroupCommit?: (appends: number, seconds: number) => void;
  /** Another process holding the write lock: how long an append waits for it (lock-wait.ts). */
  lockWait: LockWait;
}

interface Item {
  input: NewMessage;
  /** When it gives up waiting for another process's write lock. */
  deadline: number;
  resolve: (r: AppendMessageResult) => void;
  reject: (e: unknown) => void;
}
type Outcome = { ok: true; value: AppendMessageResult } | { ok: false; error: unknown };

/**
 * Group commit. appendMessage calls made in the same turn of the event loop are queued and committed
 * together in ONE transaction on setImmediate (after the current I/O callbacks, so every frame read in
 * this poll phase joins the batch). Every promise settles only after the COMMIT returns, so nothing is
 * acked or published before it is durable.
 *
 * A bad append must fail alone. Fast path: each append is checked with reads only (planAppend) and a
 * failed check rejects just that caller, with nothing written; the writes after a good check cannot
 * fail on input. If a write fails anyway (engine error), the whole transaction rolls back and the batch
 * is replayed with one SAVEPOINT per append (slower, but isolates the culprit). Either way the
 * transaction is IMMEDIATE: it holds the write lock from BEGIN, so the conversation counters cached
 * in memory (db.conversations) cannot be overtaken by another connection mid-batch.
 *
 * When another process holds the write lock, BEGIN IMMEDIATE fails at once (busy_timeout is 0, see
 * lock-wait.ts): the batch goes back to the front of the queue and is tried again on a timer, so the
 * event loop never waits on the lock and later appends still commit after it. An append still waiting
 * at its deadline fails with `unavailable`.
 */
export function createAppendQueue(db: Db, opts: AppendQueueOptions) {
  let queue: Item[] = [];
  let scheduled = false;
  let closed = false;
  const idle: (() => void)[] = [];
  /** PARLEY_SQLITE_TRACE only: when the batch's statements ended, so the COMMIT's own time shows. */
  let workEnd = 0;

  const fast = db.raw.transaction((items: Item[]): Outcome[] => {
    const batch = beginBatch(db);
    const out = items.map((it): Outcome => {
      let plan;
      try {
        plan = planAppend(batch, it.input);
      } catch (error) {
        return { ok: false, error };
      }
      return { ok: true, value: writeAppend(batch, plan) };
    });
    finishBatch(batch);
    if (traceOn) workEnd = performance.now();
    return out;
  });
  // A transaction function called inside another becomes a SAVEPOINT (better-sqlite3 semantics).
  const one = db.raw.transaction((batch: AppendBatch, input: NewMessage) => {
    const result = writeAppend(batch, planAppend(batch, input));
    finishBatch(batch);
    return result;
  });
  const isolated = db.raw.transaction((items: Item[]): Outcome[] => {
    const batch = beginBatch(db);
    const out = items.map((it): Outcome => {
      try {
        return { ok: true, value: one(batch, it.input) };
      } catch (error) {
        // Rolled back to the savepoint: forget what this append moved in memory (counters reload from the rows).
        batch.dirty.length = 0;
        batch.cursors.clear();
        db.conversations.clear();
        return { ok: false, error };
      }
    });
    finishBatch(batch);
    return out;
  });

  function commit(items: Item[]): Outcome[] {
    try {
      return fast.immediate(items);
    } catch (error) {
      // Rolled back: the counters the batch moved in memory never reached the database.
      db.conversations.clear();
      if (isBusy(error)) throw error;
    }
    try {
      return isolated.immediate(items);
    } catch (error) {
      db.conversations.clear();
      throw error;
    }
  }

  /** Set while another process holds the write lock: the queue waits for this timer, not for the next turn. */
  let lockRetry: ReturnType<typeof setTimeout> | null = null;
  let busyAttempts = 0;

  /** Holds from hold() not yet released: while any is, nothing commits (the queue only grows). */
  let holds = 0;

  function flush(): void {
    scheduled = false;
    if (holds > 0) return;
    const items = queue.length <= opts.maxBatch ? queue : queue.slice(0, opts.maxBatch);
    queue = queue.length <= opts.maxBatch ? [] : queue.slice(opts.maxBatch);
    if (items.length > 0) {
      let outcomes: Outcome[];
      const started = performance.now();
      try {
        outcomes = commit(items);
      } catch (error) {
        if (isBusy(error)) return waitForLock(items);
        // The COMMIT itself failed (disk full, I/O error): nothing of the batch is durable.
        for (const it of items) it.reject(error);
        outcomes = [];
      }
      busyAttempts = 0;
      if (traceOn) {
        const end = performance.now();
        trace('commit', { at: wallNow() - (end - started), ms: end - started, commitMs: end - workEnd, n: items.length });
      }
      if (outcomes.length) {
        opts.onCommit?.(items.length);
        opts.onGroupCommit?.(items.length, (performance.now() - started) / 1000);
      }
      for (let i = 0; i < outcomes.length; i++) {
        const o = outcomes[i];
        if (o.ok) items[i].resolve(o.value);
        else items[i].reject(o.error);
      }
    }
    if (queue.length > 0) schedule();
    notifyIdle();
  }

  /** Another process holds the lock: appends past their deadline fail, the rest stay first in line and are tried again soon. */
  function waitForLock(items: Item[]): void {
    const now = opts.lockWait.now();
    const waiting = items.filter((it) => {
      if (now < it.deadline) return true;
      it.reject(lockTimeout(opts.lockWait.waitMs));
      return false;
    });
    queue = [...waiting, ...queue];
    if (queue.length === 0) return notifyIdle();
    lockRetry = setTimeout(() => {
      lockRetry = null;
      flush();
    }, opts.lockWait.delay(busyAttempts++));
  }

  function notifyIdle(): void {
    if (queue.length === 0 && !scheduled && lockRetry === null) for (const f of idle.splice(0)) f();
  }

  function schedule(): void {
    if (scheduled || lockRetry !== null || holds > 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    append(input: NewMessage): Promise<AppendMessageResult> {
      if (closed) return Promise.reject(new ParleyError('shutting_down', 'The store is closed.'));
      return new Promise<AppendMessageResult>((resolve, reject) => {
        queue.push({ input, deadline: opts.lockWait.deadline(opts.lockWait.now()), resolve, reject });
        schedule();
      });
    },
    /**
     * Commits nothing until the returned release is called (each hold once; holds nest). The WAL
     * checkpointer holds the queue for its last small round so the writer's next transaction starts
     * the WAL over (checkpointer.ts). Appends are still accepted meanwhile and commit, in order, after.
     */
    hold(): () => void {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0 && queue.length > 0 && lockRetry === null) schedule();
        else notifyIdle();
      };
    },
    /** Stops accepting appends and resolves once every queued one is committed. */
    drain(): Promise<void> {
      closed = true;
      if (queue.length === 0 && !scheduled && lockRetry === null) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
