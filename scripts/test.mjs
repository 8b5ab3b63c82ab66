#!/usr/bin/env node
// The one command that runs every test: `npm test`.
// 1. makes sure Debian's Chromium is there for the browser tests (installs it when running as root),
// 2. builds dist/ (widget, dashboard, server; the budget, install and browser tests use the real build),
// 3. type-checks, 4. runs unit + integration tests, 5. runs the browser end-to-end suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
}
function step(title) {
  console.log(`\n=== ${title}`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    step('Installing Debian chromium for the browser tests (apt-get)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env }) === 0 && run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0) return;
  }
  console.error(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get update && sudo apt-get install -y chromium`);
  console.error('(or point PARLEY_CHROMIUM at a Chromium binary). The browser tests cannot run without it.');
  process.exit(1);
}

function findTests(dir, out = []) {
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name === 'dist' || name === 'data' || name.startsWith('.')) continue;
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) findTests(rel, out);
    else if (name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

/** Runs node --test on files; returns { pass, fail } read from a TAP copy of the report. */
function nodeTest(files, concurrency) {
  const tap = join(mkdtempSync(join(tmpdir(), 'parley-test-')), 'report.tap');
  const status = run(process.execPath, [
    '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
  return { status, pass: count('pass'), fail: count('fail') + (status !== 0 && count('fail') === 0 ? 1 : 0) };
}

const onlyUnit = process.argv.includes('--unit');
if (!onlyUnit) ensureChromium();

step('Build (npm run build: widget, dashboard, server)');
if (run(process.execPath, ['scripts/build.mjs', '--quiet']) !== 0) process.exit(1);

step('Type-check (tsc --noEmit)');
if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) process.exit(1);

const dirs = ['protocol', 'i18n', 'client', 'server', 'widget', 'dashboard', 'examples', 'scripts'];
const unitFiles = dirs.filter((d) => existsSync(join(root, d))).flatMap((d) => findTests(d));
step(`Unit and integration tests (${unitFiles.length} files)`);
const unit = nodeTest(unitFiles, 2);

let e2e = { status: 0, pass: 0, fail: 0 };
if (!onlyUnit) {
  const e2eFiles = findTests('test/e2e');
  step(`Browser end-to-end tests (${e2eFiles.length} files, Chromium)`);
  e2e = nodeTest(e2eFiles, 1);
}

const pass = unit.pass + e2e.pass;
const fail = unit.fail + e2e.fail;
console.log(`\nunit+integration: ${unit.pass} passed, ${unit.fail} failed; end-to-end: ${e2e.pass} passed, ${e2e.fail} failed`);
console.log(`${pass} passed, ${fail} failed`);
process.exit(unit.status === 0 && e2e.status === 0 && fail === 0 ? 0 : 1);
