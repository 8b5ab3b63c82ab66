import { appendFileSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

/**
 * Timing trace for latency work (bench/findings.md #18), off unless PARLEY_SQLITE_TRACE names a file:
 * one JSON object a line, times in wall-clock ms (performance.timeOrigin + now(), comparable across
 * processes on this machine). Records group commits (BEGIN..COMMIT and the COMMIT alone), the
 * checkpointer's rounds (from its worker), GC pauses and event-loop stalls. Buffered, written once a second.
 */
const file = process.env.PARLEY_SQLITE_TRACE;
let lines: string[] = [];

export const traceOn = file !== undefined && file !== '';
export const wallNow = (): number => performance.timeOrigin + performance.now();

export function trace(kind: string, fields: Record<string, unknown>): void {
  if (!traceOn) return;
  lines.push(JSON.stringify({ kind, ...fields }));
}

function flush(): void {
  if (lines.length === 0) return;
  const out = lines.join('\n') + '\n';
  lines = [];
  appendFileSync(file!, out);
}

if (traceOn) {
  setInterval(flush, 1000).unref();
  process.on('exit', flush);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) trace('gc', { at: performance.timeOrigin + e.startTime, ms: e.duration, type: (e as { detail?: { kind?: number } }).detail?.kind });
  }).observe({ entryTypes: ['gc'] });
  // Event-loop stalls: a 2 ms timer that fires late by more than 2 ms, with the main thread's time on a
  // CPU and waiting for one meanwhile (Linux schedstat): running = a long task, waiting = descheduled.
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  const sched = (): [number, number] => {
    try {
      const [run, wait] = readFileSync(schedstat, 'utf8').split(' ');
      return [Number(run) / 1e6, Number(wait) / 1e6];
    } catch {
      return [0, 0];
    }
  };
  let expected = performance.now() + 2;
  let [run0, wait0] = sched();
  setInterval(() => {
    const now = performance.now();
    const [run, wait] = sched();
    if (now - expected > 2) trace('stall', { at: performance.timeOrigin + expected, ms: now - expected, runMs: run - run0, waitMs: wait - wait0 });
    expected = now + 2;
    run0 = run;
    wait0 = wait;
  }, 2).unref();
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  setInterval(() => {
    trace('eld', { at: wallNow(), p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 });
    h.reset();
  }, 1000).unref();
}
