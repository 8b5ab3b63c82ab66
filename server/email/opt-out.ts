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

/**
 * Unsubscribes (or resubscribes) whoever an unsubscribe link names; for a visitor their address goes
 * on (or off) the site's suppression list with them, so their record is read for it here.
 */
export async function setOptOut(store: Store, who: Unsubscriber, optedOut: boolean, at: number): Promise<void> {
  if (who.kind === 'staff') return store.setEmailOptOut({ siteId: who.siteId, kind: 'staff', id: who.id, optedOut, at });
  const visitor = await store.getVisitor(who.id);
  await setVisitorOptOut(store, { id: who.id, siteId: who.siteId, email: visitor?.email }, optedOut, at);
}

/**
 * The same for a visitor the caller already holds (a declined transcript: the confirmation link's
 * check read them), so they are not read again: their address goes on (or off) the suppression list.
 */
export async function setVisitorOptOut(store: Store, visitor: VisitorAddress, optedOut: boolean, at: number): Promise<void> {
  const key = visitor.email ? { addressKey: addressKey(visitor.email) } : {};
  await store.setEmailOptOut({ siteId: visitor.siteId, kind: 'visitor', id: visitor.id, optedOut, at, ...key });
}
