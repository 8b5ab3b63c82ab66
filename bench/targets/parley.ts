import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createSqliteStore, type SqliteStore } from '../../server/store/sqlite/index.ts';
import { freePort, spawnServer, stop, waitHttp } from '../lib/children.ts';
import { compiled } from './compile.ts';
import type { RunningTarget, StartOptions } from './types.ts';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export const SITE_ORIGIN = 'http://bench.test';
/** Host pages in Chromium are served from loopback (Private Network Access blocks public -> loopback loads). */
export const HOST_PAGE_ORIGINS = 'http://localhost:*';
const STAFF = [1, 2, 3, 4].map((i) => ({ email: `agent${i}@bench.test`, password: `bench-password-${i}` }));

export interface ParleyStartOptions extends StartOptions {
  /** Extra rows written before the server starts (e.g. 10k conversations for the dashboard). */
  seed?: (store: SqliteStore, site: { id: string; key: string }) => Promise<void>;
  env?: NodeJS.ProcessEnv;
}

/**
 * Parley with a fresh database: one site (its origin allowed), four agents, then server/main.ts
 * in its own process. The per-connection rate limit and per-IP connection cap are raised: the
 * generator is one client sending for hundreds of visitors from a few addresses, which is what
 * those limits exist to stop (the REST write limit too: every visitor gets a session from one address; and
 * the per-principal and new-conversation limits: one address opens every conversation). Everything else runs with its defaults.
 */
export async function startParley(opts: ParleyStartOptions): Promise<RunningTarget> {
  const dbFile = join(opts.dir, 'parley.db');
  const store = createSqliteStore({ file: dbFile });
  await store.migrate();
  const site = await store.createSite({
    name: 'Bench',
    allowedOrigins: [SITE_ORIGIN, HOST_PAGE_ORIGINS],
    identitySecret: randomBytes(24).toString('hex'),
    settings: {},
  });
  for (const [i, s] of STAFF.entries()) {
    await store.createStaff({ siteId: site.id, email: s.email, name: `Agent ${i + 1}`, role: i === 0 ? 'admin' : 'agent', passwordHash: await hashPassword(s.password) });
  }
  if (opts.seed) await opts.seed(store, site);
  await store.close();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const flags = [...(opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : []), ...(opts.nodeFlags ?? [])];
  const child = spawnServer(
    opts.tsx ? MAIN : await compiled(MAIN, 'parley-server'),
    [],
    {
      PARLEY_PORT: String(port),
      PARLEY_HOST: '127.0.0.1',
      PARLEY_PUBLIC_URL: baseUrl,
      PARLEY_DATA_DIR: opts.dir,
      PARLEY_DB_FILE: dbFile,
      PARLEY_DEMO: '0',
      PARLEY_SECRET: randomBytes(24).toString('hex'),
      PARLEY_LOG_LEVEL: 'error',
      PARLEY_RATE_PER_SEC: '1000000',
      PARLEY_RATE_BURST: '1000000',
      PARLEY_MAX_CONN_PER_IP: '100000',
      PARLEY_REST_RATE_PER_SEC: '1000000',
      PARLEY_REST_RATE_BURST: '1000000',
      PARLEY_PRINCIPAL_RATE_PER_SEC: '1000000',
      PARLEY_PRINCIPAL_RATE_BURST: '1000000',
      PARLEY_NEW_CONVERSATIONS_PER_IP: '1000000',
      PARLEY_NEW_CONVERSATIONS_PER_SITE: '1000000',
      ...opts.env,
    },
    flags,
  );
  await waitHttp(`${baseUrl}/healthz`, child);
  return {
    info: { kind: 'parley', baseUrl, siteKey: site.key, siteOrigin: SITE_ORIGIN, staff: STAFF },
    child,
    stop: () => stop(child),
  };
}
