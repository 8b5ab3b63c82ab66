import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. A checkpoint copies the pages committed to the -wal file back
 * into the database file and fsyncs both; SQLite's autocheckpoint does that inside whichever COMMIT
 * crosses the threshold, i.e. on the main thread, where it cost as much CPU as the appends themselves
 * (every hot index page is written twice) and stalled delivery for the fsyncs. Here a worker thread
 * with its own connection runs PASSIVE checkpoints, which never block the writer or readers.
 *
 * Durability is unchanged: a commit is durable once it is in the WAL (synchronous=NORMAL), whoever
 * checkpoints it later. The main connection keeps a high autocheckpoint as a safety net: if the worker
 * falls behind or dies, the WAL still cannot grow past that many pages (and that checkpoint is cheap,
 * the worker having copied most pages already).
 */
export interface CheckpointerOptions {
  /** The database file (not ':memory:'). */
  file: string;
  /** Appends committed since the last checkpoint before another is asked for. */
  minAppends: number;
  /** And at least this long since the last one (ms), so a slow trickle does not fsync per message. */
  minIntervalMs: number;
  now?: () => number;
}

export interface Checkpointer {
  /** Call after each group commit with how many appends it committed. */
  committed(appends: number): void;
  /** Stops the worker (waits for a checkpoint in progress). */
  close(): Promise<void>;
}

// Plain CommonJS so the worker needs no TypeScript loader, whatever runs the server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  let error = null;
  try {
    // Again while the writer added frames meanwhile (a few rounds at most): the writer can only
    // start the WAL over from its beginning once every frame in it has been copied back.
    for (let i = 0; i < 4; i++) {
      const [r] = checkpoint.all();
      if (r.busy || r.log === r.checkpointed) break;
    }
  } catch (e) { error = String(e && e.message || e); }
  parentPort.postMessage({ done: true, error });
});
`;

export function createCheckpointer(opts: CheckpointerOptions): Checkpointer {
  const now = opts.now ?? Date.now;
  let worker: Worker | null = null;
  let busy = false;
  let dead = false;
  let since = 0;
  let last = now();

  function start(): Worker {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: opts.file, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    w.unref(); // an unclosed store must not keep the process alive
    w.on('message', () => {
      busy = false;
    });
    // The safety-net autocheckpoint on the main connection takes over.
    w.on('error', () => {
      dead = true;
    });
    w.on('exit', () => {
      dead = true;
      worker = null;
    });
    return w;
  }

  return {
    committed(appends) {
      since += appends;
      if (dead || busy || since < opts.minAppends || now() - last < opts.minIntervalMs) return;
      worker ??= start();
      busy = true;
      since = 0;
      last = now();
      worker.postMessage('checkpoint');
    },
    async close() {
      dead = true;
      const w = worker;
      worker = null;
      if (!w) return;
      await new Promise<void>((resolve) => {
        w.ref(); // keep the process alive until the worker has closed its connection
        w.once('exit', () => resolve());
        w.postMessage('close');
      });
    },
  };
}
