import type { ServerOwnersResponse } from '../../protocol/schema/index.ts';
import { fail } from '../errors.ts';
import type { DomainContext } from './context.ts';

/**
 * The server's owners: the people who may create sites. Stored by email (a person, whatever their
 * memberships), so removing, demoting or deactivating a membership moves ownership to nobody else and
 * takes it from nobody: a deactivated owner is still the owner (reactivated, they act again), and the
 * next-oldest admin, maybe another tenant's, never inherits it. The first admin made on the server is the
 * first owner (the store's createStaff); an owner adds others and may then remove themselves (a
 * hand-over); the last owner cannot be removed. PARLEY_SERVER_OWNERS, when set, names them instead, and
 * the list is changed there.
 */
export async function serverOwners(ctx: Pick<DomainContext, 'store' | 'config'>): Promise<ServerOwnersResponse> {
  const configured = ctx.config.serverOwners?.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean) ?? [];
  if (configured.length) return { owners: configured, fromConfig: true };
  return { owners: await ctx.store.listServerOwners(), fromConfig: false };
}

export async function addServerOwner(ctx: DomainContext, email: string): Promise<ServerOwnersResponse> {
  const address = email.trim().toLowerCase();
  await notFromConfig(ctx);
  // A person, not a typo: ownership goes only to someone who can sign in to some site.
  if ((await ctx.store.findStaffByEmail(address)).length === 0) fail('bad_request', `${address} is not a member of any site on this server; add them to a site first.`);
  await ctx.store.addServerOwner(address, ctx.now());
  return serverOwners(ctx);
}

export async function removeServerOwner(ctx: DomainContext, email: string): Promise<ServerOwnersResponse> {
  const address = email.trim().toLowerCase();
  await notFromConfig(ctx);
  const r = await ctx.store.removeServerOwner(address);
  if (r === 'absent') fail('not_found', `${address} is not a server owner.`);
  if (r === 'last') fail('conflict', `${address} is the last server owner; add another owner first.`);
  return serverOwners(ctx);
}

async function notFromConfig(ctx: Pick<DomainContext, 'store' | 'config'>): Promise<void> {
  if ((await serverOwners(ctx)).fromConfig) fail('conflict', 'PARLEY_SERVER_OWNERS names the server owners; change it there.');
}
