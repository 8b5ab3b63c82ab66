import type { AppendMessageResult, NewMessage } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import type { Pg } from './db.ts';
import { ATTACHMENT_GONE, callAppend, prepareAppends, toResult, type AppendCall } from './append.ts';

interface Item {
  input: NewMessage;
  resolve: (r: AppendMessageResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit on PostgreSQL, same contract as the SQLite queue: appends queued while a batch is in
 * flight go into the next one, each promise settles after COMMIT, in call order. One queue per site:
 * appends of one site share a counter lock anyway, while different sites commit in parallel on the
 * pool. A batch is one call of append_messages (append-function.ts), one round trip; if that call
 * fails as a whole (an attachment swept meanwhile, an engine error), its appends are replayed one
 * call each, so the culprit fails alone.
 */
export function createPgAppendQueue(db: Pg, opts: { maxBatch: number; onGroupCommit?: (appends: number, seconds: number) => void }) {
  const queues = new Map<string, Item[]>();
  let closed = false;
  let idle: (() => void)[] = [];

  async function commit(items: Item[]): Promise<void> {
    let prepared: (AppendCall | ParleyError)[];
    try {
      prepared = await prepareAppends(db.pool, items.map((it) => it.input));
    } catch (error) {
      for (const it of items) it.reject(error);
      return;
    }
    const calls: { item: Item; call: AppendCall }[] = [];
    prepared.forEach((p, i) => (p instanceof ParleyError ? items[i].reject(p) : calls.push({ item: items[i], call: p })));
    if (calls.length === 0) return;
    try {
      const started = performance.now();
      const answers = await callAppend(db.pool, calls.map((c) => c.call));
      opts.onGroupCommit?.(calls.length, (performance.now() - started) / 1000);
      await Promise.all(calls.map(({ item, call }, i) => toResult(db.pool, call, answers[i]).then(item.resolve, item.reject)));
    } catch (error) {
      if (calls.length === 1) return calls[0].item.reject(asParleyError(error));
      for (const { item, call } of calls) {
        await callAppend(db.pool, [call]).then(
          ([answer]) => toResult(db.pool, call, answer).then(item.resolve, item.reject),
          (err) => item.reject(asParleyError(err)),
        );
      }
    }
  }

  async function drain(siteId: string, queue: Item[]): Promise<void> {
    while (queue.length > 0) await commit(queue.splice(0, opts.maxBatch));
    queues.delete(siteId);
    if (queues.size === 0) for (const f of idle.splice(0)) f();
  }

  return {
    append(input: NewMessage): Promise<AppendMessageResult> {
      if (closed) return Promise.reject(new ParleyError('shutting_down', 'The store is closed.'));
      return new Promise<AppendMessageResult>((resolve, reject) => {
        let queue = queues.get(input.siteId);
        const start = !queue;
        if (!queue) queues.set(input.siteId, (queue = []));
        queue.push({ input, resolve, reject });
        // After this turn's I/O callbacks, so every append of this poll phase joins the first batch.
        if (start) setImmediate(() => void drain(input.siteId, queue!));
      });
    },
    drain(): Promise<void> {
      closed = true;
      if (queues.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}

function asParleyError(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  if (e?.code === ATTACHMENT_GONE) return new ParleyError('not_found', e.message ?? 'No such attachment.');
  return err;
}
