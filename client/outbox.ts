import type { WireError } from '../protocol/index.ts';
import type { KeyValueStorage, OutboxItem } from './api.ts';
import { jsonSlot } from './storage.ts';

/**
 * The persisted queue of messages the user wrote and the server has not acked yet. It lives in
 * storage under `<storageKey>:outbox` and is re-read on every operation, so a reload (or another tab
 * of the same visitor) sees the same items. Order is creation order; items keep their clientId
 * forever, so every resend is deduplicated by the server.
 */
export interface Outbox {
  /** Pending and failed items, oldest first. */
  list(): OutboxItem[];
  add(item: OutboxItem): void;
  /** The acked item leaves the outbox. */
  remove(clientId: string): OutboxItem | undefined;
  markFailed(clientId: string, error: WireError): OutboxItem | undefined;
  markPending(clientId: string): OutboxItem | undefined;
  /** The oldest pending item: the only one the sender may send (order is kept). */
  nextPending(): OutboxItem | undefined;
}

export function createOutbox(storage: KeyValueStorage, storageKey: string): Outbox {
  const slot = jsonSlot<OutboxItem[]>(storage, `${storageKey}:outbox`, () => []);
  const read = () => {
    const items = slot.read();
    return Array.isArray(items) ? items.filter((i) => i && typeof i.clientId === 'string') : [];
  };
  const change = (clientId: string, fn: (item: OutboxItem) => OutboxItem | null) => {
    const items = read();
    const at = items.findIndex((i) => i.clientId === clientId);
    if (at < 0) return undefined;
    const before = items[at];
    const after = fn(before);
    if (after) items[at] = after;
    else items.splice(at, 1);
    slot.write(items);
    return after ?? before;
  };
  return {
    list: read,
    add(item) {
      const items = read();
      // The same clientId twice would be sent once anyway; keep the first.
      if (!items.some((i) => i.clientId === item.clientId)) slot.write([...items, item]);
    },
    remove: (clientId) => change(clientId, () => null),
    markFailed: (clientId, error) => change(clientId, (i) => ({ ...i, status: 'failed', error })),
    markPending: (clientId) =>
      change(clientId, (i) => {
        const { error: _dropped, ...rest } = i;
        return { ...rest, status: 'pending' };
      }),
    nextPending: () => read().find((i) => i.status === 'pending'),
  };
}
