import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createParleyServer } from '../app.ts';
import { loadConfig, type ConfigOverrides } from '../config.ts';
import { ONE_ADDRESS_MANY_CLIENTS, type TestServer } from '../realtime/test-helpers.ts';
import { createPostgresStore, type PostgresStore } from '../store/postgres/index.ts';
import { createClusterBus, type ClusterBus } from './cluster-bus.ts';

// PostgreSQL and Redis must be reachable (they are in CI). Every cluster gets its own schema and key
// prefix, removed by stop(), so runs never see each other's rows, channels or keys.
export const PG_URL = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestCluster {
  /** One per process, shaped like the realtime test helpers' servers (connect, visitorClient, ...). */
  nodes: (TestServer & { bus: ClusterBus; store: PostgresStore })[];
  schema: string;
  prefix: string;
  stop(): Promise<void>;
  /** One more process on the same database and Redis; its stop() shuts it down like a process would. */
  addNode(): Promise<TestCluster['nodes'][number]>;
}

/**
 * Several Parley "processes" (servers with their own store pool, Redis connections and presence
 * directory) on one PostgreSQL schema and one Redis prefix, as separate processes would be: nothing
 * is shared in memory, everything crosses PostgreSQL or Redis. Same secret, so tokens work on any.
 */
export async function startCluster(
  n: number,
  overrides: ConfigOverrides & { presenceTtlMs?: number } = {},
  opts: { redisUrl?: string; now?: () => number } = {},
): Promise<TestCluster> {
  const redisUrl = opts.redisUrl ?? REDIS_URL;
  const id = randomBytes(5).toString('hex');
  const schema = `parley_scale_${id}`;
  const prefix = `parley-test:${id}:`;
  const nodes: TestCluster['nodes'] = [];
  const stop = async () => {
    for (const node of nodes) await node.server.close().catch(() => {});
    for (const node of nodes) await node.bus.close().catch(() => {});
    for (const node of [...nodes].reverse()) await node.store.close().catch(() => {});
    for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
    await deleteKeys(prefix, redisUrl).catch(() => {});
  };
  const cluster: TestCluster = { nodes, schema, prefix, stop, addNode: async () => (await startNode(nodes.length, false), nodes.at(-1)!) };
  async function startNode(i: number, dropsSchema: boolean): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), `parley-scale-${i}-`));
    const { limits, serverLimits, ...rest } = overrides;
    const config = loadConfig(
      { PARLEY_DATA_DIR: dir },
      // redisUrl: the nodes' rate limits live in Redis, as in a real deployment (the bus is passed in below).
      { port: 0, host: '127.0.0.1', logLevel: 'silent', secret: 'test-secret-0123456789abcdef', demo: false, redisUrl: REDIS_URL, redisPrefix: prefix, ...rest, limits, serverLimits: { ...ONE_ADDRESS_MANY_CLIENTS, ...serverLimits } },
    );
    // Lost connections are what some tests cause on purpose (pg_terminate_backend): not worth a line each.
    const store = createPostgresStore({ connectionString: PG_URL, schema, dropSchemaOnClose: dropsSchema, onConnectionError: () => {} });
    await store.migrate();
    const bus = await createClusterBus({ url: redisUrl, prefix, presenceTtlMs: config.presenceTtlMs, onError: () => {} });
    const server = await createParleyServer({ config, store, bus, ...(opts.now ? { now: opts.now } : {}) }).catch(async (err) => {
      await bus.close();
      await store.close();
      throw err;
    });
    // Stopping one node as a process would: the server, then its bus (leaving presence), then its pool.
    const stopNode = async () => {
      await server.close();
      await bus.close();
      if (!dropsSchema) await store.close();
    };
    nodes.push({ server, config, dir, bus, store, stop: stopNode });
  }
  try {
    // The first node's store drops the schema, and it closes last (stop() closes stores in reverse).
    for (let i = 0; i < n; i++) await startNode(i, i === 0);
  } catch (err) {
    await stop();
    throw err;
  }
  return cluster;
}

/** Removes every Redis key under a prefix (presence leftovers such as announced states). */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
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
