import type { ChildProcess } from 'node:child_process';

/*
 * Request/response over a child's IPC channel: the orchestrator calls a command in a generator and
 * awaits its result. Generators `serve` a table of async handlers.
 */

interface Req { rid: number; cmd: string; arg: unknown }
interface Res { rid: number; ok: boolean; value?: unknown; error?: string }

let nextRid = 0;

export function call<T>(child: ChildProcess, cmd: string, arg: unknown = null, timeoutMs = 120_000): Promise<T> {
  const rid = ++nextRid;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${cmd}: no answer within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: Res) => {
      if (m?.rid !== rid) return;
      finish(m.ok ? null : new Error(`${cmd}: ${m.error}`), m.value as T);
    };
    const onExit = (code: number | null) => finish(new Error(`${cmd}: generator exited (${code})`));
    function finish(err: Error | null, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ rid, cmd, arg } satisfies Req);
  });
}

export function serve(handlers: Record<string, (arg: any) => Promise<unknown> | unknown>) {
  process.on('message', async (m: Req) => {
    const h = handlers[m.cmd];
    try {
      if (!h) throw new Error(`unknown command ${m.cmd}`);
      process.send!({ rid: m.rid, ok: true, value: await h(m.arg) } satisfies Res);
    } catch (e) {
      process.send!({ rid: m.rid, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies Res);
    }
  });
  // The orchestrator going away means the run is over.
  process.on('disconnect', () => process.exit(0));
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
