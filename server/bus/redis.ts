import { Redis } from 'ioredis';
import type { Bus } from './bus.ts';
import { deliver, dropAll, logListenerError, type Subscription } from './subscribers.ts';

export interface RedisBusOptions {
  /** redis:// URL (default redis://127.0.0.1:6379). */
  url?: string;
  /** Prepended to every channel so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** Called when a listener throws or a message cannot be parsed; the other listeners still run. */
  onListenerError?: (error: unknown, topic: string) => void;
  /** Redis became unreachable or came back (also reported through onStatus). */
  onConnectionChange?: (up: boolean, error?: unknown) => void;
}

/**
 * Bus over Redis pub/sub, for several server processes behind a load balancer. Two connections
 * (a subscribed connection can do nothing else). One Redis channel per topic, subscribed while this
 * process has at least one listener on it. Every publish goes through Redis, including to this
 * process's own listeners, so all processes see one order per topic (Redis delivers a publisher's
 * messages in order). Pub/sub never stores: while Redis is unreachable a publish reaches only this
 * process's own listeners, at once (no queue that grows with the outage), and other processes lose
 * it; ioredis reconnects and subscribes again by itself, and `up` / onStatus tell the site feeds
 * (server/feed/) to read what they missed from the store.
 */
export async function createRedisBus(opts: RedisBusOptions = {}): Promise<Bus> {
  const url = opts.url ?? 'redis://127.0.0.1:6379';
  const prefix = opts.prefix ?? 'parley:';
  const onError = opts.onListenerError ?? logListenerError;
  // Auto-pipelined: the publishes of one event-loop turn (a group commit's events, each to a few topics)
  // leave in one write; a syscall per command was a node's top cost (bench/findings.md). Order is kept.
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true });
  const sub = new Redis(url, { lazyConnect: true });
  const statusListeners = new Set<(up: boolean) => void>();
  let up = false;
  let closed = false;
  const refresh = (error?: unknown) => {
    const now = !closed && pub.status === 'ready' && sub.status === 'ready';
    if (now === up) return;
    up = now;
    opts.onConnectionChange?.(up, error);
    for (const l of [...statusListeners]) l(up);
  };
  for (const conn of [pub, sub]) {
    conn.on('ready', () => refresh());
    conn.on('close', () => refresh());
    conn.on('end', () => refresh());
    // Reported once, as a status change; ioredis keeps retrying.
    conn.on('error', (err) => refresh(err));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  refresh();
  const topics = new Map<string, Set<Subscription>>();

  sub.on('message', (channel: string, raw: string) => {
    const topic = channel.slice(prefix.length);
    const subs = topics.get(topic);
    if (!subs) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (error) {
      onError(error, topic);
      return;
    }
    deliver(subs, message, topic, onError);
  });

  return {
    kind: 'redis',
    get up() {
      return up;
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    async publish(topic, message) {
      if (closed) return;
      const raw = JSON.stringify(message);
      if (!up) {
        // Redis is unreachable (already reported, once, as a status change): this process's own
        // listeners still get it, as they would through Redis (an agent's unread counts, typing between
        // two tabs here); other processes lose it, which pub/sub allows, and durable events reach them
        // from the store (server/feed/).
        const subs = topics.get(topic);
        if (subs) deliver(subs, JSON.parse(raw), topic, onError);
        return;
      }
      await pub.publish(prefix + topic, raw);
    },
    async subscribe(topic, listener) {
      if (closed) throw new Error('bus is closed');
      const s: Subscription = { listener: listener as Subscription['listener'], active: true };
      let subs = topics.get(topic);
      if (!subs) {
        topics.set(topic, (subs = new Set()));
        subs.add(s);
        // Resolves once Redis confirmed, so events published after subscribe() returns are delivered.
        // While Redis is down ioredis queues it and sends it on reconnect (with every other channel).
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
          if (!closed) await sub.unsubscribe(prefix + topic).catch(() => {});
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      statusListeners.clear();
      dropAll(topics);
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}
