import { membersOf, type OneOrMore } from '../one-or-more.ts';

/**
 * The listeners one process holds, by topic, and their delivery: the part of a Bus that is the same
 * whether events come from this process (local.ts) or through Redis (redis.ts).
 */
export interface Subscription {
  listener: (message: unknown) => void;
  /** False once unsubscribed: a listener removed during a delivery is not called again, not even for that event. */
  active: boolean;
}

export type ListenerErrorHandler = (error: unknown, topic: string) => void;

/** The default when a listener throws: one structured line on stderr. */
export const logListenerError: ListenerErrorHandler = (error, topic) => {
  process.stderr.write(JSON.stringify({ level: 'error', msg: 'bus listener threw', topic, error: String(error) }) + '\n');
};

/** Calls every active listener (over a copy: listeners may (un)subscribe meanwhile); one that throws does not stop the others. */
export function deliver(subs: OneOrMore<Subscription>, event: unknown, topic: string, onError: ListenerErrorHandler): void {
  for (const sub of membersOf(subs)) {
    if (!sub.active) continue;
    try {
      sub.listener(event);
    } catch (error) {
      onError(error, topic);
    }
  }
}

/** Deactivates and forgets every subscription (close). */
export function dropAll(topics: Map<string, OneOrMore<Subscription>>): void {
  for (const subs of topics.values()) for (const s of membersOf(subs)) s.active = false;
  topics.clear();
}
