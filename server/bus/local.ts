import type { Bus } from './bus.ts';
import { deliver, dropAll, logListenerError, type Subscription } from './subscribers.ts';
import { addMember, removeMember, type OneOrMore } from '../one-or-more.ts';

export interface LocalBusOptions {
  /** Called when a listener throws; the other listeners still get the event. Default: log to stderr. */
  onListenerError?: (error: unknown, topic: string) => void;
}

/**
 * In-process Bus (the default, one server process). Delivery is synchronous inside publish, in
 * publish order per topic, even when a listener publishes again while being called (the nested
 * event is queued behind the current one, so every listener sees the same order). A listener that
 * unsubscribes itself or another during dispatch is not called again, not even for the event in flight.
 */
export function createLocalBus(opts: LocalBusOptions = {}): Bus {
  const onError = opts.onListenerError ?? logListenerError;
  // A topic with one subscriber (a visitor's own, nearly always) holds it without a Set.
  const topics = new Map<string, OneOrMore<Subscription>>();
  const pending = new Map<string, unknown[]>(); // per topic, while it is being dispatched
  let closed = false;

  function dispatch(topic: string, first: unknown): void {
    const queue = [first];
    pending.set(topic, queue);
    try {
      for (let event = queue.shift(); event !== undefined; event = queue.shift()) {
        const subs = topics.get(topic);
        if (subs) deliver(subs, event, topic, onError);
      }
    } finally {
      pending.delete(topic);
    }
  }

  return {
    kind: 'local',
    up: true,
    onStatus: () => () => {},
    async publish(topic, event) {
      if (closed) return;
      const inFlight = pending.get(topic);
      if (inFlight) inFlight.push(event);
      else dispatch(topic, event);
    },
    async subscribe(topic, listener) {
      if (closed) throw new Error('bus is closed');
      const sub: Subscription = { listener: listener as Subscription['listener'], active: true };
      addMember(topics, topic, sub);
      return () => {
        sub.active = false;
        removeMember(topics, topic, sub);
      };
    },
    async close() {
      closed = true;
      dropAll(topics);
    },
  };
}
