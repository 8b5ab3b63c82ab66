import { appendFileSync } from 'node:fs';
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
  // Event-loop stalls: a 2 ms timer that fires late by more than 2 ms.
  let expected = performance.now() + 2;
  setInterval(() => {
    const now = performance.now();
    if (now - expected > 2) trace('stall', { at: performance.timeOrigin + expected, ms: now - expected });
    expected = now + 2;
  }, 2).unref();
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  setInterval(() => {
    trace('eld', { at: wallNow(), p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 });
    h.reset();
  }, 1000).unref();
}
