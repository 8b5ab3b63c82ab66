import type pg from 'pg';
import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { isUniqueViolation, tx, type Pg } from './db.ts';
import { checkAppend, writeAppend } from './append.ts';
import { lockCounters } from './events.ts';

interface Item {
  input: NewMessage;
  resolve: (r: AppendMessageResult) => void;
  reject: (e: unknown) => void;
}
type Outcome = { ok: true; value: AppendMessageResult } | { ok: false; error: unknown };

/**
 * Group commit on PostgreSQL, same contract as the SQLite queue: appends queued while a batch is in
 * flight go into the next one, one transaction per batch, each promise settles after COMMIT. Fast path
 * without savepoints (checks are reads); if a write fails (e.g. another process inserted the same
 * client id a moment earlier), the batch is rolled back and replayed with one SAVEPOINT per append,
 * where a unique violation on the client id turns into a duplicate answer.
 */
export function createPgAppendQueue(db: Pg, opts: { maxBatch: number }) {
  let queue: Item[] = [];
  let running = false;
  let closed = false;
  const idle: (() => void)[] = [];

  async function fast(c: pg.PoolClient, items: Item[]): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const it of items) {
      let plan;
      try {
        plan = await checkAppend(c, it.input);
      } catch (error) {
        if (!(error instanceof ParleyError)) throw error;
        out.push({ ok: false, error });
        continue;
      }
      out.push({ ok: true, value: plan.duplicate ?? (await writeAppend(c, plan)) });
    }
    return out;
  }

  async function isolated(c: pg.PoolClient, items: Item[]): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const it of items) {
      for (let attempt = 0; ; attempt++) {
        await c.query('SAVEPOINT append');
        try {
          const plan = await checkAppend(c, it.input);
          out.push({ ok: true, value: plan.duplicate ?? (await writeAppend(c, plan)) });
          await c.query('RELEASE SAVEPOINT append');
          break;
        } catch (error) {
          await c.query('ROLLBACK TO SAVEPOINT append');
          if (attempt === 0 && isUniqueViolation(error)) continue; // now the check finds the duplicate
          out.push({ ok: false, error });
          break;
        }
      }
    }
    return out;
  }

  function run(items: Item[], mode: typeof fast): Promise<Outcome[]> {
    return tx(db.pool, async (c) => {
      await lockCounters(c, items.map((it) => it.input.siteId));
      return mode(c, items);
    });
  }

  async function drainLoop(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const items = queue.slice(0, opts.maxBatch);
      queue = queue.slice(items.length);
      let outcomes: Outcome[];
      try {
        outcomes = await run(items, fast).catch(() => run(items, isolated));
      } catch (error) {
        for (const it of items) it.reject(error);
        continue;
      }
      items.forEach((it, i) => {
        const o = outcomes[i];
        if (o.ok) it.resolve(o.value);
        else it.reject(o.error);
      });
    }
    running = false;
    for (const f of idle.splice(0)) f();
  }

  return {
    append(input: NewMessage): Promise<AppendMessageResult> {
      if (closed) return Promise.reject(new ParleyError('shutting_down', 'The store is closed.'));
      return new Promise<AppendMessageResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!running) {
          running = true;
          setImmediate(() => void drainLoop());
        }
      });
    },
    drain(): Promise<void> {
      closed = true;
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
