import type { BusWithPresence } from '../domain/presence-directory.ts';
import { createRedisBus } from '../bus/redis.ts';
import { createRedisPresence, type RedisPresenceDirectory } from './redis-presence.ts';

export interface ClusterBusOptions {
  /** redis:// URL. */
  url: string;
  /** Prefix of every channel and key; deployments (or test runs) sharing one Redis use different ones. */
  prefix?: string;
  /** See Config.presenceTtlMs. */
  presenceTtlMs?: number;
  onError?: (error: unknown, where: string) => void;
}

export interface ClusterBus extends BusWithPresence {
  readonly presence: RedisPresenceDirectory;
}

/**
 * The scale-out bus: Redis pub/sub for events, plus the Redis presence directory that makes
 * online/offline and staff availability true across every process (the domain picks it up from
 * the bus, see presenceDirectoryOf). Durable events need no ordering here: the site feed
 * (server/feed/) puts them in cursor order and fills holes from the store. close() leaves the
 * directory first, announcing this process's remaining sockets as gone, then closes the bus those
 * announcements travel on.
 */
export async function createClusterBus(opts: ClusterBusOptions): Promise<ClusterBus> {
  const prefix = opts.prefix ?? 'parley:';
  const onError = opts.onError ?? ((error: unknown, where: string) => process.stderr.write(JSON.stringify({ level: 'error', msg: 'redis', where, error: String(error) }) + '\n'));
  const bus = await createRedisBus({
    url: opts.url,
    prefix,
    onListenerError: (err, topic) => onError(err, `listener ${topic}`),
    onConnectionChange: (up, err) => onError(err ?? new Error(up ? 'reconnected' : 'disconnected'), up ? 'bus up' : 'bus down'),
  });
  let presence: RedisPresenceDirectory;
  try {
    presence = await createRedisPresence({ url: opts.url, prefix, bus, ttlMs: opts.presenceTtlMs ?? 15_000, onError: (err) => onError(err, 'presence') });
  } catch (err) {
    await bus.close();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    kind: bus.kind,
    presence,
    get up() {
      return bus.up && presence.up;
    },
    onStatus: (listener) => {
      const offBus = bus.onStatus(() => listener(bus.up && presence.up));
      const offPresence = presence.onStatus(() => listener(bus.up && presence.up));
      return () => (offBus(), offPresence());
    },
    publish: (topic, message) => bus.publish(topic, message),
    subscribe: (topic, listener) => bus.subscribe(topic, listener),
    close: () =>
      (closing ??= (async () => {
        try {
          await presence.close();
        } finally {
          await bus.close();
        }
      })()),
  };
}
