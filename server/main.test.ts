import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, startServer } from './test-process.ts';

const REPO = join(import.meta.dirname, '..');
const SOURCE_MAIN = ['--import', 'tsx', 'server/main.ts'];

/** Starts `server/main.ts` as npm start does (from the sources, under tsx), waits for the whole banner. */
async function start(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ out: string; url: string; stop(): Promise<number | null> }> {
  const env = { PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '0', PARLEY_HOST: '127.0.0.1', PARLEY_EXAMPLES_PORT: '0', PARLEY_LOG_LEVEL: 'warn', PARLEY_SECRET: '', ...extraEnv };
  // The banner ends with the example pages, or with the line saying why they did not start.
  const server = await startServer(process.execPath, SOURCE_MAIN, { cwd: REPO, env, ready: (out) => /\/spa\/\n|Example pages: not started.*\n/.test(out) });
  return { out: server.out(), url: server.url, stop: async () => (await server.stop()).code };
}

/** Runs server/main.ts until it exits by itself; its stderr lines as log records. */
async function failedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; records: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, SOURCE_MAIN, { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, records: err.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)) };
}

/** A port another program holds. */
async function takenPort(): Promise<{ port: number; release(): void }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return { port: (holder.address() as AddressInfo).port, release: () => holder.close() };
}

test('npm start: demo site and admin on an empty database, printed again on the next start; SIGTERM exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-main-'));
  try {
    const first = await start(dir, { PARLEY_DEMOO: '1' });
    const warning = first.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((r) => r.variable === 'PARLEY_DEMOO');
    assert.equal(warning?.level, 'warn', first.out);
    assert.equal(warning.msg, 'PARLEY_DEMOO is not a Parley setting and is ignored; did you mean PARLEY_DEMO?');
    const login = /Login:\s+(\S+) \/ (\S+)/.exec(first.out);
    assert.ok(login, first.out);
    assert.equal(login[1], 'admin@example.com');
    assert.match(first.out, /<script async src="http:\/\/localhost:\d+\/widget\.js" data-site="[^"]+"><\/script>/);
    const base = first.url;
    const health = await fetch(base + '/healthz');
    assert.equal(health.status, 200);
    assert.match(first.out, /Dashboard:\s+http:\/\/localhost:\d+\/dashboard/);
    // The demo site may be embedded by any local page, on any port, and by nothing else.
    const siteKey = /data-site="([^"]+)"/.exec(first.out)![1];
    const openSession = (origin: string) =>
      fetch(base + '/api/v1/visitor/session', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ siteKey }) });
    assert.equal((await openSession('http://localhost:5173')).status, 200);
    assert.equal((await openSession('http://127.0.0.1:3000')).status, 200);
    assert.equal((await openSession('https://evil.example')).status, 403);
    assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'demo-credentials.txt')).mode & 0o777, 0o600);
    assert.equal(await first.stop(), 0);

    const second = await start(dir);
    assert.ok(second.out.includes(`${login[1]} / ${login[2]}`), 'same credentials printed again');
    const key1 = /data-site="([^"]+)"/.exec(first.out)![1];
    assert.ok(second.out.includes(`data-site="${key1}"`), 'same site, no second demo');
    assert.equal(await second.stop(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad setting stops the server at start with one sentence naming the variable', async () => {
  const { code, records } = await failedStart({ PARLEY_DEMO: 'maybe', PARLEY_PORT: '0' });
  assert.equal(code, 1);
  const record = records.pop()!;
  assert.equal(record.level, 'error');
  assert.equal(record.msg, 'PARLEY_DEMO must be one of 0/1, true/false, on/off, yes/no, got "maybe".');
  assert.equal(record.err, undefined, 'no stack trace for a setting the operator has to fix');
});

test('a taken PARLEY_PORT stops the server with a sentence; a taken PARLEY_EXAMPLES_PORT only skips the example pages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ports-'));
  const taken = await takenPort();
  try {
    const { code, records } = await failedStart({ PARLEY_DATA_DIR: dir, PARLEY_PORT: String(taken.port), PARLEY_HOST: '127.0.0.1' });
    assert.equal(code, 1);
    assert.deepEqual(
      records.filter((r) => r.level === 'error').map((r) => r.msg),
      [`PARLEY_PORT: port ${taken.port} on 127.0.0.1 is already in use (another Parley, or another program); stop that or choose another port.`],
    );

    const running = await start(dir, { PARLEY_EXAMPLES_PORT: String(taken.port) });
    assert.match(running.out, new RegExp(`Example pages: not started\\. PARLEY_EXAMPLES_PORT: port ${taken.port} on 127\\.0\\.0\\.1 is already in use`));
    assert.equal((await fetch(running.url + '/healthz')).status, 200, 'Parley itself runs');
    assert.equal(await running.stop(), 0);
  } finally {
    taken.release();
    rmSync(dir, { recursive: true, force: true });
  }
});
