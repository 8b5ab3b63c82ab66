import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forkTs, stop } from '../lib/children.ts';
import { call } from '../lib/ipc.ts';
import { sleep, withTarget } from '../scenarios/context.ts';
import { chains, diff, holders, idsOf, load, summarize } from './heap-diff.ts';

/*
 * Where an idle visitor socket's bytes go, independent of load: the built Parley server (the esbuild
 * bundle the benchmark runs), visitors given their tokens first as in the idle scenario, a heap
 * snapshot and process.memoryUsage() with no socket and again with --sockets open (hello done, idle),
 * then the difference per socket by constructor. Snapshots stay in --out for the DevTools Comparison view.
 *
 *   node --import tsx bench/heap/idle-heap.ts [--sockets 3000] [--out /tmp/parley-heap] [--top 40]
 *     [--why 'system / Context,Object'] (what holds the new nodes of those kinds; --depth N: N retainers up) [--reuse] (analyse --out again)
 */
const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '3000' },
    out: { type: 'string', default: '/tmp/parley-heap' },
    top: { type: 'string', default: '40' },
    why: { type: 'string', default: '' },
    reuse: { type: 'boolean', default: false },
    depth: { type: 'string', default: '1' },
  },
});
const sockets = Number(values.sockets);
const out = values.out!;
mkdirSync(out, { recursive: true });
const GEN = new URL('../gen/idle.ts', import.meta.url).pathname;
const PROBE = new URL('../lib/heap-probe.mjs', import.meta.url).pathname;
const PROCS = 2;

type Usage = { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };

async function probe(pid: number, i: number): Promise<Usage> {
  process.kill(pid, 'SIGUSR2');
  while (!existsSync(join(out, `${i}.done`))) await sleep(200);
  return JSON.parse(readFileSync(join(out, `${i}.json`), 'utf8')) as Usage;
}

async function measure() {
  return withTarget(
  'parley',
  async (t) => {
    const gens = Array.from({ length: PROCS }, () => forkTs(GEN));
    try {
      await Promise.all(gens.map((g, i) => call(g, 'init', { target: t.info, localAddress: `127.0.0.${10 + i}`, base: i * 1_000_000 })));
      await Promise.all(gens.map((g) => call(g, 'prepare', { count: Math.ceil(sockets / PROCS) }, 300_000)));
      await sleep(1_000);
      const before = await probe(t.child.pid!, 0);
      const held = await Promise.all(gens.map((g) => call<{ held: number; failed: number }>(g, 'grow', { count: Math.ceil(sockets / PROCS) }, 300_000)));
      const open = held.reduce((s, h) => s + h.held, 0);
      await sleep(2_000);
      const after = await probe(t.child.pid!, 1);
      await Promise.all(gens.map((g) => call(g, 'close')));
      return { open, failed: held.reduce((s, h) => s + h.failed, 0), before, after };
    } finally {
      await Promise.all(gens.map((g) => stop(g, 2000)));
    }
  },
  { nodeFlags: ['--expose-gc', '--import', PROBE], env: { PARLEY_BENCH_HEAP_DIR: out } },
  );
}

const report = values.reuse ? (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Awaited<ReturnType<typeof measure>>) : await measure();
writeFileSync(join(out, 'run.json'), JSON.stringify(report));

const { open, failed, before, after } = report;
const per = (k: keyof Usage) => ((after[k] - before[k]) / open).toFixed(0).padStart(7);
const lines = [
  `${open} idle visitor sockets (${failed} failed); bytes per socket, after minus before:`,
  `  heapUsed ${per('heapUsed')}  heapTotal ${per('heapTotal')}  external ${per('external')}  arrayBuffers ${per('arrayBuffers')}  (RSS: the idle scenario; writing a snapshot inflates it)`,
];
const first = load(join(out, '0.heapsnapshot'));
const second = load(join(out, '1.heapsnapshot'));
const rows = diff(summarize(first), summarize(second), open);
const total = rows.reduce((s, r) => s + r.bytes, 0);
lines.push(`  heap snapshot self size: ${total.toFixed(0)} B per socket`, '', '   bytes   count  what');
for (const r of rows.slice(0, Number(values.top))) lines.push(`${r.bytes.toFixed(0).padStart(8)} ${r.count.toFixed(2).padStart(7)}  ${r.key}`);
const old = values.why ? idsOf(first) : new Set<number>();
for (const key of values.why ? values.why.split(',') : []) {
  lines.push('', `held by (new ${key} nodes; per socket):`);
  const found = values.depth === '1' ? holders(second, old, key) : chains(second, old, key, Number(values.depth));
  for (const h of found.slice(0, 15)) lines.push(`${(h.bytes / open).toFixed(0).padStart(8)} ${(h.count / open).toFixed(2).padStart(7)}  ${h.holder}`);
}
writeFileSync(join(out, 'diff.txt'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
