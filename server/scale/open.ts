import type { Bus } from '../bus/bus.ts';
import { createLocalBus } from '../bus/local.ts';
import type { Config } from '../config.ts';
import { createLocalThrottle, type Throttle } from '../net/throttle.ts';
import type { Store } from '../store/store.ts';
import { createSqliteStore } from '../store/sqlite/index.ts';

/**
 * Which store and bus a server opens from its config. SQLite and the in-process bus by default;
 * PostgreSQL when PARLEY_DATABASE_URL is set, Redis (bus + cross-process presence) when
 * PARLEY_REDIS_URL is set. The scale-out modules are imported only when configured, so a default
 * start never touches pg or ioredis.
 */
/** What the server hears from a store it opens: group commits (for metrics) and background failures (for its log). */
export interface StoreHooks {
  onGroupCommit?: (appends: number, seconds: number) => void;
  /** SQLite: checkpoints and the search index, off the commit path. */
  onBackgroundError?: (err: unknown) => void;
  /** PostgreSQL: an idle pooled connection lost (the pool replaces it). */
  onConnectionError?: (err: unknown) => void;
}

export async function openStore(config: Config, hooks: StoreHooks = {}): Promise<Store> {
  if (!config.databaseUrl) {
    return createSqliteStore({ file: config.dbFile, lockWaitMs: config.lockWaitMs, onGroupCommit: hooks.onGroupCommit, onBackgroundError: hooks.onBackgroundError });
  }
  const { createPostgresStore } = await optional(() => import('../store/postgres/index.ts'), 'pg', 'PARLEY_DATABASE_URL');
  return createPostgresStore({
    connectionString: config.databaseUrl,
    schema: config.databaseSchema,
    lockWaitMs: config.lockWaitMs,
    statementTimeoutMs: config.statementTimeoutMs,
    onGroupCommit: hooks.onGroupCommit,
    onConnectionError: hooks.onConnectionError,
  });
}

export async function openBus(config: Config, onError?: (error: unknown, where: string) => void): Promise<Bus> {
  if (!config.redisUrl) return createLocalBus(onError ? { onListenerError: (err, topic) => onError(err, `listener ${topic}`) } : {});
  const { createClusterBus } = await optional(() => import('./cluster-bus.ts'), 'ioredis', 'PARLEY_REDIS_URL');
  return createClusterBus({ url: config.redisUrl, prefix: config.redisPrefix, presenceTtlMs: config.presenceTtlMs, onError });
}

/** Rate-limit buckets shared by all processes through Redis when PARLEY_REDIS_URL is set, else in memory. */
export async function openThrottle(config: Config, now: () => number, onError?: (error: unknown) => void): Promise<Throttle> {
  if (!config.redisUrl) return createLocalThrottle(now);
  const { createRedisThrottle } = await optional(() => import('./redis-throttle.ts'), 'ioredis', 'PARLEY_REDIS_URL');
  return createRedisThrottle({ url: config.redisUrl, prefix: config.redisPrefix, onError });
}

/**
 * pg and ioredis are optional dependencies: an install with --omit=optional runs SQLite alone. Asking for
 * scale-out there is a setup mistake, said as one sentence rather than a module-resolution stack.
 */
async function optional<T>(load: () => Promise<T>, pkg: string, setting: string): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const missing = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`'${pkg}'`);
    if (!missing) throw err;
    throw new Error(`${setting} is set, but the ${pkg} package is not installed (an optional dependency): run \`npm install ${pkg}\` in Parley's folder.`);
  }
}

/** One line for the banner and logs: where the data lives and how processes talk, without credentials. */
export function describeStore(store: Store, config: Config): string {
  if (store.kind === 'sqlite') return `SQLite (${config.dbFile})`;
  if (store.kind === 'postgres' && config.databaseUrl) return `PostgreSQL (${redactUrl(config.databaseUrl)}, schema ${config.databaseSchema})`;
  return store.kind;
}

export function describeBus(bus: Bus, config: Config): string {
  if (bus.kind === 'local') return 'in-process (one server process)';
  if (bus.kind === 'redis' && config.redisUrl) return `Redis (${redactUrl(config.redisUrl)}, prefix ${config.redisPrefix})`;
  return bus.kind;
}

/** A URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
