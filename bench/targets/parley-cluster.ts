import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import type { TargetInfo } from '../adapters/types.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { createPostgresStore } from '../../server/store/postgres/index.ts';
import { freePort, spawnServer, stop, waitHttp } from '../lib/children.ts';
import { compiled } from './compile.ts';
import { HOST_PAGE_ORIGINS, SITE_ORIGIN } from './parley.ts';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
export const PG_URL = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RunningCluster {
  /** One per site; each lists every node in baseUrls (clients are spread over them). */
  sites: TargetInfo[];
  nodes: ChildProcess[];
  stop(): Promise<void>;
}

/**
 * Parley scaled out on this machine: `nodes` processes (the esbuild bundle of server/main.ts) on one
 * PostgreSQL schema of their own and one Redis key prefix of their own, both removed by stop(), and
 * `sites` sites with four agents each. Limits raised as for the single-process target.
 */
export async function startParleyCluster(opts: {
  nodes: number;
  sites: number;
  /** Extra environment and node flags of node i (a CPU profile of one node, a setting under test). */
  node?: (i: number) => { env?: NodeJS.ProcessEnv; flags?: string[] };
  /** A bundle in bench/.out/ to run instead of building server/main.ts (an A/B comparison with an earlier build). */
  bundle?: string;
}): Promise<RunningCluster> {
  const id = randomBytes(5).toString('hex');
  const schema = `parley_bench_${id}`;
  const prefix = `parley-bench:${id}:`;
  const store = createPostgresStore({ connectionString: PG_URL, schema, dropSchemaOnClose: true });
  await store.migrate();
  const sites: TargetInfo[] = [];
  for (let s = 0; s < opts.sites; s++) {
    const site = await store.createSite({ name: `Bench ${s}`, allowedOrigins: [SITE_ORIGIN, HOST_PAGE_ORIGINS], identitySecret: randomBytes(24).toString('hex'), settings: {} });
    const staff = [1, 2, 3, 4].map((i) => ({ email: `agent${i}.${s}@bench.test`, password: `bench-password-${i}` }));
    for (const [i, cred] of staff.entries()) {
      await store.createStaff({ siteId: site.id, email: cred.email, name: `Agent ${i + 1}`, role: i === 0 ? 'admin' : 'agent', passwordHash: await hashPassword(cred.password, { N: 1024, r: 8, p: 1 }) });
    }
    sites.push({ kind: 'parley', baseUrl: '', siteKey: site.key, siteOrigin: SITE_ORIGIN, staff });
  }

  const secret = randomBytes(24).toString('hex');
  const dirs: string[] = [];
  const nodes: ChildProcess[] = [];
  const urls: string[] = [];
  const file = opts.bundle ?? (await compiled(MAIN, 'parley-server'));
  const stopAll = async () => {
    await Promise.all(nodes.map((n) => stop(n)));
    await store.close();
    await deleteKeys(prefix);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < opts.nodes; i++) {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), `bench-cluster-${i}-`));
      dirs.push(dir);
      const url = `http://127.0.0.1:${port}`;
      const extra = opts.node?.(i) ?? {};
      const child = spawnServer(file, [], {
        PARLEY_PORT: String(port),
        PARLEY_HOST: '127.0.0.1',
        PARLEY_PUBLIC_URL: url,
        PARLEY_DATA_DIR: dir,
        PARLEY_DATABASE_URL: PG_URL,
        PARLEY_DATABASE_SCHEMA: schema,
        PARLEY_REDIS_URL: REDIS_URL,
        PARLEY_REDIS_PREFIX: prefix,
        PARLEY_DEMO: '0',
        PARLEY_SECRET: secret,
        PARLEY_LOG_LEVEL: 'error',
        PARLEY_RATE_PER_SEC: '1000000',
        PARLEY_RATE_BURST: '1000000',
        PARLEY_MAX_CONN_PER_IP: '100000',
        PARLEY_REST_RATE_PER_SEC: '1000000',
        PARLEY_REST_RATE_BURST: '1000000',
        // The per-principal and new-conversation limits too: one address opens every conversation.
        PARLEY_PRINCIPAL_RATE_PER_SEC: '1000000',
        PARLEY_PRINCIPAL_RATE_BURST: '1000000',
        PARLEY_NEW_CONVERSATIONS_PER_IP: '1000000',
        PARLEY_NEW_CONVERSATIONS_PER_SITE: '1000000',
        ...extra.env,
      }, extra.flags);
      nodes.push(child);
      urls.push(url);
      await waitHttp(`${url}/healthz`, child);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  for (const s of sites) Object.assign(s, { baseUrl: urls[0], baseUrls: urls });
  return { sites, nodes, stop: stopAll };
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
