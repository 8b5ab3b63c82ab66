import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createAuth } from './auth/index.ts';
import { loadConfig } from './config.ts';
import { createSqliteStore } from './store/sqlite/index.ts';
import { main } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
/** `--import tsx` resolves from the cwd: run the child from the repository, wherever the suite was started. */
const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * The child's environment: this process's, minus every PARLEY_ setting (a PARLEY_DB_FILE or
 * PARLEY_DATA_DIR exported in the shell that runs the suite would point the child at another
 * database) and minus NODE_TEST_CONTEXT (which makes a child talk to this test runner).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PARLEY_') && k !== 'NODE_TEST_CONTEXT') env[k] = v;
  return { ...env, PARLEY_DATA_DIR: dir };
}

/**
 * Runs the CLI as a child process against the temp data dir: the real entry point, exit codes
 * included. Used sparingly (a tsx child costs seconds on a loaded machine); the rest runs in-process.
 */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: childEnv(), cwd: REPO, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr: err && code === -1 ? `${stderr}\n${err.message}` : stderr });
    });
  });
}

/** The same entry point in this process (faster); exit code as main() returns it. */
async function inProcess(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { PARLEY_DATA_DIR: dir }, (l) => out.push(l), (l) => err.push(l));
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

test('site create, origins, staff add and list work against the data dir; a generated password logs in', async () => {
  const created = await cli('site', 'create', '--name', 'Shop', '--origin', 'https://shop.example', '--origin', 'http://localhost:*');
  assert.equal(created.code, 0, created.stderr);
  const key = /site key:\s+(\S+)/.exec(created.stdout)?.[1];
  assert.ok(key, created.stdout);
  assert.match(created.stdout, /identity secret:\s+\S{20,}/);

  const origins = await inProcess('site', 'origins', 'remove', '--site', key, '--origin', 'http://localhost:*');
  assert.equal(origins.code, 0, origins.stderr);
  assert.match(origins.stdout, /Origins of .*: https:\/\/shop\.example$/m);

  const added = await inProcess('staff', 'add', '--site', key, '--email', 'Ann@Shop.example', '--name', 'Ann', '--role', 'admin');
  assert.equal(added.code, 0, added.stderr);
  const password = /password:\s+(\S+)/.exec(added.stdout)?.[1];
  assert.ok(password);

  const list = await inProcess('staff', 'list', '--site', key);
  assert.match(list.stdout, /ann@shop\.example\s+Ann\s+admin/);
  assert.match((await inProcess('site', 'list')).stdout, new RegExp(`${key}\\s+Shop`));

  const config = loadConfig({ PARLEY_DATA_DIR: dir });
  const store = createSqliteStore({ file: config.dbFile });
  await store.migrate();
  try {
    const login = await createAuth({ store, config, secret: 'cli-test-secret-0123456789' }).staffLogin('ann@shop.example', password);
    assert.equal(login.staff.role, 'admin');
  } finally {
    await store.close();
  }
});

test('staff add keeps one password per person: a second site joins with it, a new one given is theirs everywhere, weak ones are refused', async () => {
  const keyOf = async (name: string) => /site key:\s+(\S+)/.exec((await inProcess('site', 'create', '--name', name, '--origin', 'https://x.example')).stdout)![1];
  const [a, b, c] = [await keyOf('One'), await keyOf('Two'), await keyOf('Three')];
  const first = await inProcess('staff', 'add', '--site', a, '--email', 'bo@x.example', '--name', 'Bo', '--role', 'agent');
  const password = /password:\s+(\S+)/.exec(first.stdout)![1];
  const second = await inProcess('staff', 'add', '--site', b, '--email', 'bo@x.example', '--name', 'Bo', '--role', 'admin');
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /sign in with the password they already have/);
  assert.doesNotMatch(second.stdout, /password: /, 'no second password is made');
  const weak = await inProcess('staff', 'add', '--site', c, '--email', 'bo@x.example', '--name', 'Bo', '--role', 'agent', '--password', 'short');
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /--password: .*12 characters/);
  const reset = await inProcess('staff', 'add', '--site', c, '--email', 'bo@x.example', '--name', 'Bo', '--role', 'agent', '--password', 'a long new passphrase 42');
  assert.equal(reset.code, 0, reset.stderr);
  assert.match(reset.stdout, /also theirs on their 2 other memberships/);

  const config = loadConfig({ PARLEY_DATA_DIR: dir });
  const store = createSqliteStore({ file: config.dbFile });
  await store.migrate();
  try {
    const auth = createAuth({ store, config: { ...config, passwordHashCost: 10 }, secret: 'cli-test-secret-0123456789' });
    await assert.rejects(auth.staffLogin('bo@x.example', password), /Wrong email or password/);
    assert.equal((await auth.staffLogin('bo@x.example', 'a long new passphrase 42')).staff.email, 'bo@x.example');
    const hashes = new Set((await store.findStaffByEmail('bo@x.example')).map((m) => m.passwordHash));
    assert.equal(hashes.size, 1, 'one password for the three memberships');
  } finally {
    await store.close();
  }
});

test('bad input prints a clear error and exits 1', async () => {
  const cases: [string[], RegExp][] = [
    [['site', 'create', '--name', 'X'], /--origin is required/],
    [['site', 'create', '--name', 'X', '--origin', 'shop.example'], /not an origin/],
    [['staff', 'add', '--site', 'pk_missing', '--email', 'a@b.c', '--name', 'A', '--role', 'agent'], /No site has the key/],
    [['frobnicate'], /Unknown command/],
    [['site', 'create', '--bogus'], /Unknown option/],
  ];
  const child = await cli('site', 'create', '--name', 'X');
  assert.equal(child.code, 1);
  assert.match(child.stderr, /--origin is required/);
  for (const [args, message] of cases) {
    const r = await inProcess(...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('owner list, add and remove: the operator names who may create sites (the way back when no owner can sign in)', async () => {
  const key = /site key:\s+(\S+)/.exec((await inProcess('site', 'create', '--name', 'Owned', '--origin', 'https://o.example')).stdout)![1];
  await inProcess('staff', 'add', '--site', key, '--email', 'first-admin@o.example', '--name', 'First', '--role', 'admin');
  await inProcess('staff', 'add', '--site', key, '--email', 'later@o.example', '--name', 'Later', '--role', 'agent');
  const before = (await inProcess('owner', 'list')).stdout.trim().split('\n');
  assert.ok(before.length >= 1 && !before.includes('later@o.example'), before.join(','));
  assert.match((await inProcess('owner', 'add', '--email', 'Later@o.example')).stdout, /later@o\.example is now a server owner/);
  assert.ok((await inProcess('owner', 'list')).stdout.includes('later@o.example'));
  const stranger = await inProcess('owner', 'add', '--email', 'nobody@o.example');
  assert.deepEqual([stranger.code, /not a member of any site/.test(stranger.stderr)], [1, true]);
  for (const e of before) assert.equal((await inProcess('owner', 'remove', '--email', e)).code, 0);
  const last = await inProcess('owner', 'remove', '--email', 'later@o.example');
  assert.deepEqual([last.code, /last server owner/.test(last.stderr)], [1, true]);
  assert.equal((await inProcess('owner', 'list')).stdout.trim(), 'later@o.example');
});
