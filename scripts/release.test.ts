import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { PG_URL, REDIS_URL } from '../server/scale/test-cluster.ts';
import { chatThrough } from './release/chat-through.ts';
import { installRelease, packRelease, run } from './release/make-release.ts';
import { childEnv, startServer } from '../server/test-process.ts';

/**
 * The release as an operator gets it: `npm pack` output unpacked into a temporary folder, installed with
 * `npm ci --omit=dev` (no tsx, no build tools), the built server started with plain node on PostgreSQL +
 * Redis and, through `npm start`, on SQLite, and a chat through each. The install compiles better-sqlite3,
 * so this is the slowest test (about 2 minutes of CPU; on a machine shared with other builds, many times
 * that in wall time, hence the long timeout); it prints how long packing and installing took.
 */
const PASSWORD = 'release test password 1';

test('npm pack makes a release that installs with npm ci --omit=dev and chats on PostgreSQL + Redis and on SQLite', { timeout: 30 * 60_000 }, async () => {
  const work = await mkdtemp(join(tmpdir(), 'parley-release-'));
  const schema = `parley_release_${randomBytes(5).toString('hex')}`;
  try {
    const { tarball, ms: packMs } = await packRelease(work);
    const { dir, ms: installMs } = await installRelease(tarball, work);
    console.log(`release: npm pack ${(packMs / 1000).toFixed(1)} s (with its build), npm ci --omit=dev ${(installMs / 1000).toFixed(1)} s`);
    for (const devOnly of ['tsx', 'rollup', 'esbuild', 'typescript', 'preact', 'playwright-core']) {
      assert.ok(!existsSync(join(dir, 'node_modules', devOnly)), `${devOnly} is a dev tool, not installed in production`);
    }
    assert.ok(existsSync(join(dir, 'dist/server/main.js')) && existsSync(join(dir, 'dist/widget/widget.js.br')), 'the release carries the build');
    const node = process.execPath;

    // Scale-out: a site and an agent made with the installed CLI, then the server on PostgreSQL + Redis.
    const scaleEnv = {
      PARLEY_DATABASE_URL: PG_URL,
      PARLEY_DATABASE_SCHEMA: schema,
      PARLEY_REDIS_URL: REDIS_URL,
      PARLEY_REDIS_PREFIX: `${schema}:`,
      PARLEY_DATA_DIR: join(work, 'data-scale'),
      PARLEY_DEMO: 'off',
      PARLEY_PORT: '0',
      PARLEY_HOST: '127.0.0.1',
      PARLEY_LOG_LEVEL: 'warn',
    };
    const origin = 'https://shop.example';
    const created = await run(node, ['dist/server/cli.js', 'site', 'create', '--name', 'Release', '--origin', origin], { cwd: dir, env: childEnv(scaleEnv) });
    const siteKey = /pk_[\w-]+/.exec(created.out)?.[0];
    assert.ok(siteKey, created.out);
    const email = 'agent@release.example';
    await run(node, ['dist/server/cli.js', 'staff', 'add', '--site', siteKey, '--email', email, '--name', 'Agent', '--role', 'admin', '--password', PASSWORD], { cwd: dir, env: childEnv(scaleEnv) });
    const scale = await startServer(node, ['dist/server/main.js'], { cwd: dir, env: scaleEnv, ready: (out) => out.includes('Bus:') });
    try {
      assert.match(scale.out(), /Store:\s+PostgreSQL/);
      assert.match(scale.out(), /Bus:\s+Redis/);
      await chatThrough(scale.url, { siteKey, origin, email, password: PASSWORD, tag: 'scale-out' });
    } finally {
      const stopped = await scale.stop();
      console.log(`release: PostgreSQL + Redis server exited ${stopped.code} ${stopped.ms.toFixed(0)} ms after SIGTERM`);
      assert.equal(stopped.code, 0);
    }

    // SQLite needs neither client: without them, `npm start` (the demo, as a newcomer runs it) still chats.
    await rm(join(dir, 'node_modules', 'pg'), { recursive: true });
    await rm(join(dir, 'node_modules', 'ioredis'), { recursive: true });
    const sqlite = await startServer('npm', ['start'], {
      cwd: dir,
      env: { PARLEY_DATA_DIR: join(work, 'data-sqlite'), PARLEY_PORT: '0', PARLEY_EXAMPLES_PORT: '0', PARLEY_HOST: '127.0.0.1' },
      ready: (out) => out.includes('Example pages:') && /\/spa\/\n/.test(out),
    });
    try {
      const out = sqlite.out();
      assert.match(out, /Store:\s+SQLite/);
      const login = /Login:\s+(\S+) \/ (\S+)/.exec(out);
      const demoKey = /data-site="([^"]+)"/.exec(out)?.[1];
      assert.ok(login && demoKey, out);
      await chatThrough(sqlite.url, { siteKey: demoKey, origin: 'http://localhost:5173', email: login[1], password: login[2], tag: 'sqlite' });
      const loader = await fetch(`${sqlite.url}/widget.js`, { headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(loader.headers.get('content-encoding'), 'br', 'the release serves its precompressed copies');
    } finally {
      const stopped = await sqlite.stop();
      console.log(`release: npm start (SQLite) exited ${stopped.code} ${stopped.ms.toFixed(0)} ms after SIGTERM`);
      assert.equal(stopped.code, 0, 'SIGTERM to npm reaches the server, which exits cleanly');
    }

    // Asking for scale-out where the client is not installed is one sentence, not a module-resolution stack.
    const refused = await run(node, ['dist/server/main.js'], { cwd: dir, env: childEnv(scaleEnv) }).then(
      () => assert.fail('started without pg'),
      (err: Error) => err.message,
    );
    assert.match(refused, /PARLEY_DATABASE_URL is set, but the pg package is not installed/);
  } finally {
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => db.end());
    await rm(work, { recursive: true, force: true });
  }
});
