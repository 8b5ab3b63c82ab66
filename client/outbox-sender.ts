import type { AckResults, WireError } from '../protocol/index.ts';
import type { ClientError, OutboxItem } from './api.ts';
import type { Backoff } from './backoff.ts';
import type { Outbox } from './outbox.ts';
import type { Timers } from './watchdog.ts';
import { isRetryable } from './errors.ts';

export type SendAck = AckResults['message.send'];
export interface OutboxChange {
  item: OutboxItem;
  acked?: SendAck;
}

export interface OutboxSenderDeps {
  outbox: Outbox;
  /** Sends one item on the live connection; answers (synchronously with the frame) with its ack or error. */
  send: (item: OutboxItem, answer: (error: ClientError | undefined, ack?: SendAck) => void) => void;
  timers: Timers;
  /** Spacing of retries after retryable errors (rate_limited, internal). */
  backoff: Backoff;
  changed: (change: OutboxChange) => void;
}

/**
 * Sends the outbox one item at a time, oldest first, while the connection is ready. One at a time
 * keeps the order the user wrote in even when an item must be retried, and means one client never
 * has the same item in flight twice. A disconnect only pauses: the item stays pending and is resent
 * with the same clientId once ready again (the server answers a resend with the first ack).
 */
export function createOutboxSender({ outbox, send, timers, backoff, changed }: OutboxSenderDeps) {
  let ready = false;
  /** Bumped whenever an attempt stops counting (pause), so its late answer is ignored. */
  let attempt = 0;
  let inFlight = false;
  let retryTimer: unknown;

  const clearRetry = () => {
    if (retryTimer !== undefined) timers.clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const pump = (): void => {
    if (!ready || inFlight || retryTimer !== undefined) return;
    const item = outbox.nextPending();
    if (!item) return;
    const mine = ++attempt;
    inFlight = true;
    send(item, (error, ack) => {
      if (mine !== attempt) return;
      inFlight = false;
      if (!error) {
        backoff.reset();
        // Another tab may have removed it already; the ack still counts once here.
        const removed = outbox.remove(item.clientId);
        changed({ item: removed ?? item, acked: ack });
      } else if (isRetryable(error.code)) {
        if (error.code !== 'disconnected') retryTimer = timers.setTimeout(retry, backoff.next());
      } else {
        const failed = outbox.markFailed(item.clientId, error as WireError);
        if (failed) changed({ item: failed });
      }
      pump();
    });
  };

  const retry = () => {
    retryTimer = undefined;
    pump();
  };

  return {
    /** The connection finished hello and resume replay: start sending. */
    resume() {
      ready = true;
      pump();
    },
    /** The connection dropped: whatever was in flight will be resent later. */
    pause() {
      ready = false;
      inFlight = false;
      attempt++;
      clearRetry();
    },
    /** Something was added or un-failed. */
    poke: () => pump(),
  };
}
