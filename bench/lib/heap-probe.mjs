// Preloaded into a server under test by bench/heap/idle-heap.ts (node --expose-gc --import ./heap-probe.mjs):
// SIGUSR2 runs full garbage collections, then writes <n>.json (process.memoryUsage()) and
// <n>.heapsnapshot into $PARLEY_BENCH_HEAP_DIR, and <n>.done last, so the caller knows both are complete.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const dir = process.env.PARLEY_BENCH_HEAP_DIR;
let n = 0;
process.on('SIGUSR2', () => {
  if (!dir) return;
  const i = n++;
  globalThis.gc?.();
  globalThis.gc?.();
  writeFileSync(join(dir, `${i}.json`), JSON.stringify(process.memoryUsage()));
  writeHeapSnapshot(join(dir, `${i}.heapsnapshot`));
  writeFileSync(join(dir, `${i}.done`), '');
});
