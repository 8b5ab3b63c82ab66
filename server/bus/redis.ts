import { Redis } from 'ioredis';
import type { ServerEvent } from '../../protocol/index.ts';
import type { Bus } from './bus.ts';
import { deliver, dropAll, logListenerError, type Subscription } from './subscribers.ts';

export interface RedisBusOptions {
  /** redis:// URL (default redis://127.0.0.1:6379). */
  url?: string;
  /** Prepended to every channel so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** Called when a listener throws or a message cannot be parsed; the other listeners still run. */
  onListenerError?: (error: unknown, topic: string) => void;
}

/**
 * Bus over Redis pub/sub, for several server processes behind a load balancer. Two connections
 * (a subscribed connection can do nothing else). One Redis channel per topic, subscribed while this
 * process has at least one listener on it. Every publish goes through Redis, including to this
 * process's own listeners, so all processes see one order per topic (Redis delivers a publisher's
 * messages in order). Pub/sub never stores: a process that is down misses events, which is fine
 * because durable events are replayed from the Store on resume.
 */
export async function createRedisBus(opts: RedisBusOptions = {}): Promise<Bus> {
  const url = opts.url ?? 'redis://127.0.0.1:6379';
  const prefix = opts.prefix ?? 'parley:';
  const onError = opts.onListenerError ?? logListenerError;
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  const topics = new Map<string, Set<Subscription>>();
  let closed = false;

  sub.on('message', (channel: string, raw: string) => {
    const topic = channel.slice(prefix.length);
    const subs = topics.get(topic);
    if (!subs) return;
    let event: ServerEvent;
    try {
      event = JSON.parse(raw) as ServerEvent;
    } catch (error) {
      onError(error, topic);
      return;
    }
    deliver(subs, event, topic, onError);
  });

  return {
    kind: 'redis',
    async publish(topic, event) {
      if (closed) return;
      await pub.publish(prefix + topic, JSON.stringify(event));
    },
    async subscribe(topic, listener) {
      if (closed) throw new Error('bus is closed');
      const s: Subscription = { listener, active: true };
      let subs = topics.get(topic);
      if (!subs) {
        topics.set(topic, (subs = new Set()));
        subs.add(s);
        // Resolves once Redis confirmed, so events published after subscribe() returns are delivered.
        await sub.subscribe(prefix + topic);
      } else {
        subs.add(s);
      }
      return async () => {
        if (!s.active) return;
        s.active = false;
        const set = topics.get(topic);
        if (!set) return;
        set.delete(s);
        if (set.size === 0) {
          topics.delete(topic);
          // SUBSCRIBE/UNSUBSCRIBE go out in order on one connection, so a re-subscribe right after is safe.
          if (!closed) await sub.unsubscribe(prefix + topic);
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      dropAll(topics);
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}
