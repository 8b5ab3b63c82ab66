import type { BusWithPresence } from '../domain/presence-directory.ts';
import { createRedisBus } from '../bus/redis.ts';
import { createRedisPresence, type RedisPresenceDirectory } from './redis-presence.ts';
import { createSeqOrder } from './seq-order.ts';

export interface ClusterBusOptions {
  /** redis:// URL. */
  url: string;
  /** Prefix of every channel and key; deployments (or test runs) sharing one Redis use different ones. */
  prefix?: string;
  /** See Config.presenceTtlMs. */
  presenceTtlMs?: number;
  /** See Config.reorderWaitMs. */
  reorderWaitMs?: number;
  /** Conversations whose order each listener tracks (least recently seen forgotten first), 10,000. */
  reorderMaxConversations?: number;
  onError?: (error: unknown, where: string) => void;
}

export interface ClusterBus extends BusWithPresence {
  readonly presence: RedisPresenceDirectory;
}

/**
 * The scale-out bus: Redis pub/sub for events, plus the Redis presence directory that makes
 * online/offline and staff availability true across every process (the domain picks it up from
 * the bus, see presenceDirectoryOf), and every listener's durable events in seq order per
 * conversation (seq-order.ts: commits on two processes can reach Redis in the other order). close() leaves the directory first, announcing this process's
 * remaining sockets as gone, then closes the bus those announcements travel on.
 */
export async function createClusterBus(opts: ClusterBusOptions): Promise<ClusterBus> {
  const prefix = opts.prefix ?? 'parley:';
  const onError = opts.onError ?? ((error: unknown, where: string) => process.stderr.write(JSON.stringify({ level: 'error', msg: 'redis', where, error: String(error) }) + '\n'));
  const bus = await createRedisBus({ url: opts.url, prefix, onListenerError: (err, topic) => onError(err, `listener ${topic}`) });
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
    publish: (topic, event) => bus.publish(topic, event),
    // Each listener gets durable events in seq order per conversation, whichever process published them.
    async subscribe(topic, listener) {
      const order = createSeqOrder(listener, { gapWaitMs: opts.reorderWaitMs ?? 100, maxConversations: opts.reorderMaxConversations ?? 10_000 });
      const off = await bus.subscribe(topic, (e) => order.push(e));
      return () => {
        order.dispose();
        return off();
      };
    },
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
