import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment of a child server: not NODE_TEST_CONTEXT (the child would report to this test runner) nor any PARLEY_ setting of the shell. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PARLEY_') && k !== 'NODE_TEST_CONTEXT') env[k] = v;
  return { ...env, ...extra };
}

/** Starts `server/main.ts` as npm start does, waits for the banner, returns its output and a stopper. */
function start(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ out: string; url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: childEnv({ PARLEY_DATA_DIR: dataDir, PARLEY_PORT: '0', PARLEY_HOST: '127.0.0.1', PARLEY_EXAMPLES_PORT: '0', PARLEY_LOG_LEVEL: 'warn', PARLEY_SECRET: '', ...extraEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal as unknown as number))));
  return new Promise((resolve, reject) => {
    // Generous: starting tsx on a loaded machine can take many seconds; a healthy start ends the wait.
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 90_000);
    child.stderr.on('data', (d) => (out += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Parley is running at (\S+)/.exec(out);
      if (m && out.includes('data-site=')) {
        clearTimeout(timer);
        resolve({
          out,
          url: m[1],
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
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
    const base = first.url.replace('localhost', '127.0.0.1');
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: childEnv({ PARLEY_DEMO: 'maybe', PARLEY_PORT: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  const record = JSON.parse(err.trim().split('\n').pop()!);
  assert.equal(record.level, 'error');
  assert.equal(record.msg, 'PARLEY_DEMO must be one of 0/1, true/false, on/off, yes/no, got "maybe".');
  assert.equal(record.err, undefined, 'no stack trace for a setting the operator has to fix');
});
