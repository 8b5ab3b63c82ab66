import { addressKey } from '../store/address-key.ts';
import type { Store } from '../store/store.ts';
import type { Unsubscriber } from './keys.ts';

type VisitorAddress = { id: string; siteId: string; email?: string | null };

/**
 * A visitor gets no email when they unsubscribed, or when their address did: anyone on the site with
 * that address who unsubscribed (another device, a new visitor after an erasure) asked for none.
 */
export async function visitorOptedOut(store: Store, visitor: VisitorAddress): Promise<boolean> {
  if ((await store.emailOptedOut('visitor', [visitor.id])).has(visitor.id)) return true;
  return !!visitor.email && (await store.emailAddressOptedOut(visitor.siteId, addressKey(visitor.email)));
}

/** Unsubscribes (or resubscribes) a person; a visitor's address goes on (or off) the site's suppression list with them. */
export async function setOptOut(store: Store, who: Unsubscriber, optedOut: boolean, at: number): Promise<void> {
  const visitor = who.kind === 'visitor' ? await store.getVisitor(who.id) : null;
  const key = visitor?.email ? { addressKey: addressKey(visitor.email) } : {};
  await store.setEmailOptOut({ siteId: who.siteId, kind: who.kind, id: who.id, optedOut, at, ...key });
}
