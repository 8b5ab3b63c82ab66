import type { Visitor, VisitorContext } from '../../protocol/index.ts';
import { ParleyError } from '../errors.ts';
import type { VisitorPatch } from './store.ts';

/** Every column updateVisitor writes, after the patch. */
export interface VisitorColumns {
  externalId: string | null;
  identified: boolean;
  name: string | null;
  email: string | null;
  emailVerified: boolean | null;
  context: VisitorContext;
  lastSeenAt: number;
}

/**
 * Applies a patch to the current visitor. A key present with `undefined` clears that field (absent
 * keys keep it); setting an external id makes the visitor identified unless the patch says otherwise.
 */
export function patchedVisitor(cur: Visitor, patch: VisitorPatch): VisitorColumns {
  const has = (k: keyof VisitorPatch) => Object.prototype.hasOwnProperty.call(patch, k);
  const pick = <T,>(k: keyof VisitorPatch, old: T): T => (has(k) ? ((patch[k] as T) ?? (null as T)) : old);
  const externalId = pick('externalId', cur.externalId ?? null);
  return {
    externalId,
    identified: has('identified') ? !!patch.identified : cur.identified || (has('externalId') && !!externalId),
    name: pick('name', cur.name ?? null),
    email: pick('email', cur.email ?? null),
    emailVerified: pick('emailVerified', cur.emailVerified ?? null),
    context: pick('context', cur.context) ?? {},
    lastSeenAt: pick('lastSeenAt', cur.lastSeenAt),
  };
}

/** mergeVisitor's preconditions: both visitors exist and belong to one site, whose id it returns. */
export function mergeSite(from: { site_id: string } | undefined, into: { site_id: string } | undefined): string {
  if (!from || !into) throw new ParleyError('not_found', 'Unknown visitor.');
  if (from.site_id !== into.site_id) throw new ParleyError('forbidden', 'Visitors belong to different sites.');
  return from.site_id;
}
