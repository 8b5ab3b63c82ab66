import type { Membership } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { StaffRecord } from '../store/store.ts';
import { requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';

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
