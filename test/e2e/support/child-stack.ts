import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/test-process.ts';
import { startExamples, type ExamplesServer } from '../../../examples/serve.ts';
import { createSqliteStore } from '../../../server/store/sqlite/index.ts';
import type { SiteRecord } from '../../../server/store/store.ts';
import { IDENTITY_SECRET, seedSite, type Agent } from './seed.ts';
import { FIXTURES_DIR } from './stack.ts';

/**
 * Parley as a real process (`node --import tsx server/main.ts`), the way `npm start` runs it, so a
 * test can SIGKILL it and start it again on the same port and data dir. The port is found free
 * first (listen on 0, close) because the restarted server must come back where the clients expect it.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildStack {
  parleyUrl: string;
  dashboardUrl: string;
  site: SiteRecord;
  siteKey: string;
  agents: { a: Agent; b: Agent };
  examples: ExamplesServer;
  dataDir: string;
  /** SIGKILL: no graceful close, no goodbye frames, whatever was not committed is lost. */
  kill(): Promise<void>;
  /** Start again on the same port and data dir; resolves once /healthz answers. */
  start(): Promise<void>;
  /** Everything the server printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}


/** `env`: more settings for the process (email on, short leases), on top of the ones every child gets. */
export async function startChildStack(opts: { env?: Record<string, string> } = {}): Promise<ChildStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-child-'));
  const dbFile = join(dataDir, 'parley.db');
  // Seed before the first start: the server opens the same file and sees the site and agents.
  const seedStore = createSqliteStore({ file: dbFile });
  await seedStore.migrate();
  const { site, agents } = await seedSite(seedStore);
  await seedStore.close();

  const port = await freePort();
  const parleyUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        PARLEY_PORT: String(port),
        PARLEY_HOST: '127.0.0.1',
        PARLEY_DATA_DIR: dataDir,
        PARLEY_DEMO: '0',
        PARLEY_LOG_LEVEL: 'warn',
        PARLEY_PUBLIC_URL: parleyUrl,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout!.on('data', (d) => (log += d));
    proc.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code, sig) => reject(new Error(`Parley exited (${code ?? sig}) while starting:\n${log}`))),
    );
    exited.catch(() => {});
    await Promise.race([waitHealthy(parleyUrl, 20_000), exited]);
  };

  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await gone;
  };

  let examples: ExamplesServer | null = null;
  const stop = async () => {
    await examples?.close().catch(() => {});
    await kill().catch(() => {});
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  };
  try {
    await start();
    examples = await startExamples({
      parleyUrl,
      siteKey: site.key,
      identitySecret: IDENTITY_SECRET,
      port: 0,
      extraRoots: { '/fixtures/': FIXTURES_DIR },
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    parleyUrl,
    dashboardUrl: `${parleyUrl}/dashboard/`,
    site,
    siteKey: site.key,
    agents,
    examples,
    dataDir,
    kill,
    start,
    output: () => log,
    stop,
  };
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Parley did not answer ${url}/healthz within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
