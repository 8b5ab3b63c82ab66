import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { PG_URL, REDIS_URL, deleteKeys } from './test-cluster.ts';

/** `npm start` with PARLEY_DATABASE_URL and PARLEY_REDIS_URL: the banner names PostgreSQL and Redis, SIGTERM exits 0. */
test('npm start on PostgreSQL + Redis: banner says so, demo seeded in the schema, clean exit', async () => {
  const id = randomBytes(5).toString('hex');
  const schema = `parley_main_${id}`;
  const prefix = `parley-test:${id}:`;
  const dir = mkdtempSync(join(tmpdir(), 'parley-main-scale-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PARLEY_') && k !== 'NODE_TEST_CONTEXT') env[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      ...env,
      PARLEY_DATA_DIR: dir,
      PARLEY_PORT: '0',
      PARLEY_HOST: '127.0.0.1',
      PARLEY_EXAMPLES_PORT: '0',
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_DATABASE_URL: PG_URL,
      PARLEY_DATABASE_SCHEMA: schema,
      PARLEY_REDIS_URL: REDIS_URL,
      PARLEY_REDIS_PREFIX: prefix,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 90_000);
      child.stderr.on('data', (d) => (out += d));
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('data-site=')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    assert.match(out, new RegExp(`Store:\\s+PostgreSQL \\(.*schema ${schema}\\)`));
    assert.match(out, new RegExp(`Bus:\\s+Redis \\(.*prefix ${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    const url = /Parley is running at (\S+)/.exec(out)![1].replace('localhost', '127.0.0.1');
    assert.equal((await fetch(url + '/readyz')).status, 200);
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    try {
      const sites = await db.query(`SELECT count(*)::int AS n FROM ${schema}.sites`);
      assert.equal(sites.rows[0].n, 1, 'the demo site lives in PostgreSQL');
    } finally {
      await db.end();
    }
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => db.end());
    await deleteKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  }
});
