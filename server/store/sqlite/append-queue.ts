import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import type { Db } from './db.ts';
import { beginBatch, finishBatch, planAppend, writeAppend, writeBack, type AppendBatch } from './append.ts';

export interface AppendQueueOptions {
  /** Most appends committed in one transaction. */
  maxBatch: number;
  /** Told after each COMMIT how many appends it held (the WAL checkpointer paces itself on it). */
  onCommit?: (appends: number) => void;
}

interface Item {
  input: NewMessage;
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
 */
export function createAppendQueue(db: Db, opts: AppendQueueOptions) {
  let queue: Item[] = [];
  let scheduled = false;
  let closed = false;
  const idle: (() => void)[] = [];

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
    return out;
  });
  // A transaction function called inside another becomes a SAVEPOINT (better-sqlite3 semantics).
  const one = db.raw.transaction((batch: AppendBatch, input: NewMessage) => {
    const result = writeAppend(batch, planAppend(batch, input));
    writeBack(batch);
    return result;
  });
  const isolated = db.raw.transaction((items: Item[]): Outcome[] => {
    const batch = beginBatch(db);
    const out = items.map((it): Outcome => {
      try {
        return { ok: true, value: one(batch, it.input) };
      } catch (error) {
        // Rolled back to the savepoint: forget what this append moved in memory.
        batch.dirty.length = 0;
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
    } catch {
      // Rolled back: the counters the batch moved in memory never reached the database.
      db.conversations.clear();
    }
    try {
      return isolated.immediate(items);
    } catch (error) {
      db.conversations.clear();
      throw error;
    }
  }

  function flush(): void {
    scheduled = false;
    const items = queue.length <= opts.maxBatch ? queue : queue.slice(0, opts.maxBatch);
    queue = queue.length <= opts.maxBatch ? [] : queue.slice(opts.maxBatch);
    if (queue.length > 0) schedule();
    if (items.length > 0) {
      let outcomes: Outcome[];
      try {
        outcomes = commit(items);
      } catch (error) {
        // The COMMIT itself failed (disk full, I/O error): nothing of the batch is durable.
        for (const it of items) it.reject(error);
        return notifyIdle();
      }
      opts.onCommit?.(items.length);
      for (let i = 0; i < items.length; i++) {
        const o = outcomes[i];
        if (o.ok) items[i].resolve(o.value);
        else items[i].reject(o.error);
      }
    }
    notifyIdle();
  }

  function notifyIdle(): void {
    if (queue.length === 0 && !scheduled) for (const f of idle.splice(0)) f();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    append(input: NewMessage): Promise<AppendMessageResult> {
      if (closed) return Promise.reject(new ParleyError('shutting_down', 'The store is closed.'));
      return new Promise<AppendMessageResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
    /** Stops accepting appends and resolves once every queued one is committed. */
    drain(): Promise<void> {
      closed = true;
      if (queue.length === 0 && !scheduled) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
