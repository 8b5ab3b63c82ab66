import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import type { DurableEvent, SiteSettings } from '../../protocol/index.ts';
import { createParleyServer } from '../app.ts';
import { loadConfig, type ConfigOverrides } from '../config.ts';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, ONE_ADDRESS_MANY_CLIENTS, staffClient, visitorClient, waitUntil, type TestClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
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

type Updated = Extract<DurableEvent, { kind: 'conversation.updated' }>;

/** The automatic assignments in a log: routing gave the conversation to an agent. */
export const autoAssignments = (events: DurableEvent[]) => events.filter((e): e is Updated => e.kind === 'conversation.updated' && e.auto === true && typeof e.changes.assigneeId === 'string');

export interface AssignmentCluster {
  cluster: TestCluster;
  site: TestSite;
  agents: { id: string; token: string }[];
  /** Keeps a client to close on stop(). */
  track<T extends TestClient>(c: T): T;
  settings(settings: SiteSettings): Promise<void>;
  /** Every agent online, agent i on process i. */
  agentsOnline(): Promise<void>;
  /** `count` visitors with sessions, spread over the processes (visitor i on process i mod n). */
  visitors(count: number): Promise<TestClient[]>;
  /**
   * Waits until `total` conversations are assigned, lets every process sweep twice more at once over
   * the same rows, and returns the log's automatic assignments.
   */
  settle(total: number): Promise<Updated[]>;
  stop(): Promise<void>;
}

/**
 * Automatic assignment on three processes sharing PostgreSQL and Redis (the assignment and team
 * assignment cluster tests): every process sweeps every 20 ms, a site with three agents, rate limits
 * out of the way of arrivals all at once.
 */
export async function assignmentCluster(): Promise<AssignmentCluster> {
  const cluster = await startCluster(3, { assignmentCheckMs: 20, visitorOfflineGraceMs: 0, limits: { rateBurst: 1000, ratePerSec: 1000 } });
  const [A] = cluster.nodes;
  const open: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => (open.push(c), c);
  try {
    const site = await createTestSite(A);
    const agents: AssignmentCluster['agents'] = [];
    for (let i = 0; i < 3; i++) {
      const s = await addStaff(A, site.site, 'agent');
      agents.push({ id: s.id, token: await loginStaff(A, s.email) });
    }
    return {
      cluster,
      site,
      agents,
      track,
      async settings(settings) {
        const res = await api(A, `/api/v1/admin/sites/${site.site.id}`, { method: 'PATCH', token: site.staffToken, body: { settings } });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      },
      async agentsOnline() {
        await Promise.all(agents.map(async (a, i) => track(await staffClient(cluster.nodes[i], a.token))));
      },
      visitors: (count) =>
        Promise.all(
          Array.from({ length: count }, async (_, i) => {
            const node = cluster.nodes[i % cluster.nodes.length];
            return track(await visitorClient(node, site.site, (await newVisitor(node, site.site)).token, { conversations: {} }));
          }),
        ),
      async settle(total) {
        const store = A.store;
        await waitUntil(async () => Object.values(await store.assignedLoads(site.site.id)).reduce((a, b) => a + b, 0) === total, 20_000, `${total} assigned`);
        await Promise.all(cluster.nodes.flatMap((n) => [n.server.domain.sweepRouting(), n.server.domain.sweepRouting()]));
        return autoAssignments(await store.eventsAfterCursor(site.site.id, 0, 10_000));
      },
      async stop() {
        for (const c of open) await c.close().catch(() => {});
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
