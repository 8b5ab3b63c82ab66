import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from './lib/machine.ts';
import { killAll } from './lib/children.ts';
import type { BenchResults } from './report/results.ts';
import { renderResults } from './report/render.ts';
import type { RunContext, TargetKind } from './scenarios/context.ts';
import { runDashboard } from './scenarios/dashboard.ts';
import { runIdle } from './scenarios/idle.ts';
import { runLatency } from './scenarios/latency.ts';
import { runMaxRate } from './scenarios/max-rate.ts';
import { runProfile } from './scenarios/profile.ts';
import { runStorm } from './scenarios/storm.ts';
import { runUpload } from './scenarios/upload.ts';
import { runWidget } from './scenarios/widget.ts';
import { runReports } from './scenarios/reports.ts';
import { runCluster } from './scenarios/cluster.ts';
import { runCpu } from './scenarios/cpu.ts';

/*
 * npm run bench [-- --quick] [--only latency,cpu,max-rate,cluster,idle,storm,widget,dashboard,reports,upload,profile] [--targets parley,socketio] [--render] [--merge]
 * Runs the scenarios one after another (never two servers at once), prints progress, and writes
 * bench/RESULTS.md + bench/results.json (a --quick or partial run writes to the temp folder instead).
 */
const SCENARIOS = ['latency', 'cpu', 'max-rate', 'cluster', 'idle', 'storm', 'widget', 'dashboard', 'reports', 'upload', 'profile'] as const;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    targets: { type: 'string', default: 'parley,socketio' },
    out: { type: 'string' },
    /** Re-render RESULTS.md from results.json (e.g. after editing findings.md) without measuring again. */
    render: { type: 'boolean', default: false },
    /** With --only: measure those scenarios again and put them into bench/results.json + RESULTS.md, keeping the rest. */
    merge: { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const only = values.only ? values.only.split(',') : [...SCENARIOS];
const notes: string[] = [];
const targets = values.targets!.split(',') as TargetKind[];

if (getPriority() < 0) notes.push(`Run with nice ${getPriority()}: the benchmark's processes had CPU priority over other work on the machine.`);

const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const failures: Record<string, string> = {};
const ctx: RunContext = { quick, targets, log, failures };
const results: BenchResults = {
  mode: quick ? 'quick' : 'full',
  startedAt: new Date(started).toISOString(),
  durationSec: 0,
  machine: describeMachine(),
  targets,
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  notes,
  loadAtStart: {},
  failures,
};

async function scenario<K extends keyof BenchResults>(name: (typeof SCENARIOS)[number], key: K, fn: () => Promise<BenchResults[K]>) {
  if (!only.includes(name)) return;
  results.loadAtStart[name] = Math.round(loadavg()[0] * 100) / 100;
  log(`${name}: start (load average ${results.loadAtStart[name]})`);
  try {
    results[key] = await fn();
  } catch (e) {
    results.failures[name] = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`${name}: FAILED ${results.failures[name]}`);
  }
}

async function main() {
  await scenario('latency', 'latency', () => runLatency(ctx));
  // PARLEY_BENCH_CPU_RATE: another fixed rate for the CPU per message (both builds of a change at one rate).
  await scenario('cpu', 'cpu', () => runCpu(ctx, Number(process.env.PARLEY_BENCH_CPU_RATE) || undefined));
  await scenario('max-rate', 'maxRate', () => runMaxRate(ctx));
  // Parley only: the baseline has no scale-out.
  if (targets.includes('parley')) await scenario('cluster', 'cluster', () => runCluster(ctx));
  await scenario('idle', 'idle', () => runIdle(ctx));
  await scenario('storm', 'storm', () => runStorm(ctx));
  await scenario('widget', 'widget', () => runWidget(ctx));
  await scenario('dashboard', 'dashboard', () => runDashboard(ctx));
  await scenario('reports', 'reports', () => runReports(ctx));
  await scenario('upload', 'upload', () => runUpload(ctx));
  // Profile each server a quarter above the best rate it sustained (or 10k/s when unknown), or at
  // PARLEY_BENCH_PROFILE_RATE (CPU per message of two builds at one rate they both sustain).
  const profileRate = Number(process.env.PARLEY_BENCH_PROFILE_RATE) || 0;
  if (!quick) await scenario('profile', 'profile', () => runProfile(ctx, (k) => profileRate || Math.max(5_000, Math.round(((results.maxRate?.[k]?.best ?? 8_000) * 1.25) / 500) * 500)));

  results.durationSec = (Date.now() - started) / 1000;
  if (values.merge && !quick) return merge();
  const partial = quick || only.length < SCENARIOS.length || targets.length < 2;
  const dir = values.out ?? (partial ? join(tmpdir(), 'parley-bench') : new URL('.', import.meta.url).pathname);
  mkdirSync(dir, { recursive: true });
  const md = renderResults(results);
  writeFileSync(join(dir, 'RESULTS.md'), md);
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`\n${md}`);
  log(`wrote ${join(dir, 'RESULTS.md')}`);
}

/** The scenarios just measured replace theirs in the saved full run; its other figures and notes stay. */
function merge() {
  const dir = values.out ?? new URL('.', import.meta.url).pathname;
  const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults & Record<string, unknown>;
  const measured = results as BenchResults & Record<string, unknown>;
  for (const name of only) {
    const key = name === 'max-rate' ? 'maxRate' : name;
    if (measured[key] !== undefined) saved[key] = measured[key];
    if (results.loadAtStart[name] !== undefined) saved.loadAtStart[name] = results.loadAtStart[name];
    delete saved.failures[name];
    if (results.failures[name]) saved.failures[name] = results.failures[name];
  }
  saved.notes = [...saved.notes.filter((n) => !n.startsWith('Re-measured')), `Re-measured on ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC with \`${results.command}\`: ${only.join(', ')}.`];
  writeFileSync(join(dir, 'results.json'), JSON.stringify(saved, null, 2));
  writeFileSync(join(dir, 'RESULTS.md'), renderResults(saved));
  log(`merged ${only.join(', ')} into ${join(dir, 'RESULTS.md')}`);
}

function renderOnly() {
  const dir = values.out ?? new URL('.', import.meta.url).pathname;
  const saved = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
  writeFileSync(join(dir, 'RESULTS.md'), renderResults(saved));
  console.log(`re-rendered ${join(dir, 'RESULTS.md')} from results.json`);
}

(values.render ? Promise.resolve().then(renderOnly) : main())
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    killAll();
    process.exit();
  });
