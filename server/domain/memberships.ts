import type { Membership } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { StaffRecord } from '../store/store.ts';
import { requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { addServerOwner, removeServerOwner, serverOwners } from './server-owners.ts';
import type { ServerOwnersResponse } from '../../protocol/schema/index.ts';

/**
 * The sites one person belongs to (the member rows that share their email): for the dashboard's site
 * switcher, each with its name, their role and their unread count there.
 */
export function createMemberships(ctx: DomainContext) {
  async function mine(p: Principal): Promise<{ me: StaffRecord; all: StaffRecord[] }> {
    const staff = requireStaff(p, 'Your sites');
    if (staff.apiToken) fail('forbidden', 'API tokens belong to one site.');
    const me = (await ctx.store.getStaff(staff.staffId)) ?? fail('unauthorized', 'This account no longer exists.');
    const all = (await ctx.store.findStaffByEmail(me.email)).filter((m) => m.deactivatedAt === null);
    return { me, all };
  }
  return {
    /**
     * Who may create sites: a server owner (owners.ts: PARLEY_SERVER_OWNERS, else the stored list that
     * starts with the first admin made on this server), by email (the same person on any of their
     * sites), from an admin session of an active membership; not any tenant's admin. An API token
     * never makes one.
     */
    async isServerOwner(p: Principal): Promise<boolean> {
      if (p.kind !== 'staff' || p.apiToken) return false;
      const me = await ctx.store.getStaff(p.staffId);
      if (!me || me.role !== 'admin' || me.deactivatedAt !== null) return false;
      return (await serverOwners(ctx)).owners.includes(me.email.toLowerCase());
    },
    /** The owners, and adding or removing one: for server owners only. */
    async owners(p: Principal, change?: { add?: string; remove?: string }): Promise<ServerOwnersResponse> {
      if (!(await this.isServerOwner(p))) fail('forbidden', 'Only an owner of this Parley server sees and changes its owners.');
      if (change?.add !== undefined) return addServerOwner(ctx, change.add);
      if (change?.remove !== undefined) return removeServerOwner(ctx, change.remove);
      return serverOwners(ctx);
    },
    async list(p: Principal): Promise<Membership[]> {
      const { me, all } = await mine(p);
      return Promise.all(
        all.map(async (m): Promise<Membership> => {
          const [site, counts] = await Promise.all([ctx.store.getSite(m.siteId), ctx.store.unreadForStaff(m.siteId, m.id)]);
          const unread = Object.values(counts).reduce((a, b) => a + b, 0);
          return { staffId: m.id, siteId: m.siteId, siteName: site?.name ?? m.siteId, role: m.role, unread, current: m.id === me.id };
        }),
      );
    },
    /** The member row of another of their sites, to start a session for (the route does). */
    async target(p: Principal, siteId: string): Promise<StaffRecord> {
      const { all } = await mine(p);
      return all.find((m) => m.siteId === siteId) ?? fail('not_found', 'You do not belong to that site.');
    },
  };
}

export type Memberships = ReturnType<typeof createMemberships>;
