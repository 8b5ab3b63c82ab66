import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { trace, traceOn } from './trace.ts';

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
  /**
   * Starting the WAL over. The writer restarts the -wal file from its beginning only when its
   * transaction begins with every frame copied back, which the worker's rounds never leave behind while
   * commits keep coming (each commit lands during the round's fsyncs). Past `restartFrames` frames,
   * the checkpointer runs one more round at once, then a short final round with the group commit held (`holdCommits`),
   * so it copies everything and the next commit starts the WAL over. Without this, the WAL grew until
   * the main connection's safety-net autocheckpoint ran inside a COMMIT on the event loop (2-6 ms,
   * every ~10,000 frames: findings #18).
   */
  restartFrames?: number;
  holdCommits?: () => () => void;
  /** Longest hold (ms), whatever the worker does. */
  maxHoldMs?: number;
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
const { performance } = require('node:perf_hooks');
const fs = require('node:fs');
const wall = () => performance.timeOrigin + performance.now();
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  let error = null;
  const rounds = workerData.trace ? [] : null;
  let log = 0;
  try {
    // Again while the writer added frames meanwhile (a few rounds at most): the writer can only
    // start the WAL over from its beginning once every frame in it has been copied back.
    for (let i = 0; i < 4; i++) {
      const t = rounds && wall();
      const [r] = checkpoint.all();
      log = r.log;
      if (rounds) rounds.push({ at: t, ms: wall() - t, log: r.log, done: r.checkpointed, busy: r.busy, walBytes: fs.statSync(workerData.file + '-wal').size, cpuMs: Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6 });
      if (r.busy || r.log === r.checkpointed) break;
    }
  } catch (e) { error = String(e && e.message || e); }
  parentPort.postMessage({ done: true, error, rounds, log });
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
      workerData: { file: opts.file, sqlite: createRequire(import.meta.url).resolve('better-sqlite3'), trace: traceOn },
    });
    w.unref(); // an unclosed store must not keep the process alive
    w.on('message', (m: { rounds?: Record<string, unknown>[] | null; log: number; error: string | null }) => {
      busy = false;
      if (m.rounds) for (const r of m.rounds) trace('ckpt', { ...r, final: release !== null });
      // The WAL started over since the last round: the next final round waits for restartFrames again.
      if (m.log < lastLog) {
        finalAt = opts.restartFrames ?? Infinity;
        approached = false;
      }
      lastLog = m.log;
      if (release) {
        // Had it not started over (a reader kept frames in use), hold again only after more growth.
        finalAt = m.log + Math.ceil((opts.restartFrames ?? 0) / 4);
        return endHold();
      }
      if (opts.holdCommits && m.error === null && m.log >= finalAt && !dead) {
        // First one more round at once, unheld: the held one then copies only what came during it.
        if (!approached) {
          approached = true;
          return round();
        }
        approached = false;
        release = opts.holdCommits();
        holdTimer = setTimeout(() => {
          // The round is slow (a busy disk): let commits go, and do not hold again before more growth.
          finalAt = lastLog + Math.ceil((opts.restartFrames ?? 0) / 4);
          endHold();
        }, opts.maxHoldMs ?? 50); // not unref'd: a closing store's drain waits on it
        round();
      }
    });
    // The safety-net autocheckpoint on the main connection takes over.
    w.on('error', () => {
      dead = true;
      endHold();
    });
    w.on('exit', () => {
      dead = true;
      worker = null;
      endHold();
    });
    return w;
  }

  /** WAL frames at the last round, and how many it must hold before a final round. */
  let lastLog = 0;
  let finalAt = opts.restartFrames ?? Infinity;
  /** The unheld round just before a held one has been asked for. */
  let approached = false;
  /** Set while the group commit is held for a final round. */
  let release: (() => void) | null = null;
  let holdTimer: ReturnType<typeof setTimeout> | null = null;
  function endHold(): void {
    if (holdTimer !== null) clearTimeout(holdTimer);
    holdTimer = null;
    const r = release;
    release = null;
    r?.();
  }

  function round(): void {
    worker ??= start();
    busy = true;
    since = 0;
    last = now();
    worker.postMessage('checkpoint');
  }

  return {
    committed(appends) {
      since += appends;
      if (dead || busy || since < opts.minAppends || now() - last < opts.minIntervalMs) return;
      round();
    },
    async close() {
      dead = true;
      endHold();
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
