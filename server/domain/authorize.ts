import type { Actor, Conversation } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Principal } from './principal.ts';

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type VisitorPrincipal = Extract<Principal, { kind: 'visitor' }>;

export function actorOf(p: Principal): Actor {
  return p.kind === 'visitor' ? { kind: 'visitor', id: p.visitorId } : { kind: 'staff', id: p.staffId };
}

export function requireStaff(p: Principal, what = 'This action'): StaffPrincipal {
  if (p.kind !== 'staff') fail('forbidden', `${what} is for staff only.`);
  return p as StaffPrincipal;
}

export function requireVisitor(p: Principal, what = 'This action'): VisitorPrincipal {
  if (p.kind !== 'visitor') fail('forbidden', `${what} is for visitors only.`);
  return p as VisitorPrincipal;
}

export function requireAdmin(p: Principal, what = 'This action'): StaffPrincipal {
  const s = requireStaff(p, what);
  if (s.role !== 'admin') fail('forbidden', `${what} needs the admin role.`);
  return s;
}

/** True when the principal may see this conversation: its visitor, or staff of its site. */
export function canAccess(p: Principal, c: Conversation): boolean {
  if (p.siteId !== c.siteId) return false;
  return p.kind === 'staff' || c.visitorId === p.visitorId;
}

/**
 * Loads a conversation the principal may touch. Someone else's conversation answers `not_found`,
 * exactly like a missing one, so ids cannot be probed across visitors or sites.
 */
export async function loadConversation(store: Store, p: Principal, id: string): Promise<Conversation> {
  if (typeof id !== 'string' || id === '') fail('bad_request', 'conversationId is required.');
  const c = await store.getConversation(id, { forVisitor: p.kind === 'visitor' });
  if (!c || !canAccess(p, c)) fail('not_found', 'No such conversation.');
  return c as Conversation;
}
