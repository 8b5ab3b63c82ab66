import type { Team } from '../../../protocol/index.ts';
import { Topics } from '../../bus/bus.ts';
import { fail } from '../../errors.ts';
import { requireAdmin, requireStaff } from '../authorize.ts';
import type { DomainContext } from '../context.ts';
import type { Principal } from '../principal.ts';
import { publishAll } from '../routing.ts';
import { updateSite } from '../site-admin.ts';
import { settingsWithoutTeam } from './team-settings.ts';

/**
 * Teams of a site (Settings -> Teams): admins create, rename, change members and delete; every agent
 * reads them (the inbox filter, the badge, moving a conversation). Each change tells the site's staff
 * the whole list (`teams.changed`), so open dashboards follow without a reload.
 */
export function createTeamCases(ctx: DomainContext) {
  const changed = async (siteId: string) =>
    publishAll(ctx.bus, [Topics.siteStaff(siteId)], { kind: 'teams.changed', teams: await ctx.store.listTeams(siteId) }, ctx.onPublishError);

  async function checkMembers(siteId: string, memberIds: string[] | undefined): Promise<void> {
    if (!memberIds?.length) return;
    const staff = new Set((await ctx.store.listStaff(siteId)).map((s) => s.id));
    const stranger = memberIds.find((id) => !staff.has(id));
    if (stranger !== undefined) fail('bad_request', `memberIds: ${stranger} is not a member of this site.`);
  }

  return {
    list(p: Principal): Promise<Team[]> {
      const staff = requireStaff(p, 'Teams');
      return ctx.store.listTeams(staff.siteId);
    },
    async create(p: Principal, input: { name: string; memberIds?: string[] }): Promise<Team> {
      const admin = requireAdmin(p, 'Creating a team');
      await checkMembers(admin.siteId, input.memberIds);
      // The store counts the site's teams in the insert's transaction (PARLEY_MAX_TEAMS): a check here
      // would let two admins creating at once both take the last place.
      const maxPerSite = ctx.config.serverLimits.maxTeamsPerSite;
      const team = await ctx.store.createTeam({ siteId: admin.siteId, name: input.name.trim(), memberIds: input.memberIds ?? [], at: ctx.now(), maxPerSite });
      await changed(admin.siteId);
      return team;
    },
    async update(p: Principal, id: string, input: { name?: string; memberIds?: string[] }): Promise<Team> {
      const admin = requireAdmin(p, 'Changing a team');
      if (input.name === undefined && input.memberIds === undefined) fail('bad_request', 'Say name or memberIds.');
      await checkMembers(admin.siteId, input.memberIds);
      const team = await ctx.store.updateTeam({ siteId: admin.siteId, id, ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.memberIds ? { memberIds: input.memberIds } : {}) });
      if (!team) return fail('not_found', 'No such team.');
      await changed(admin.siteId);
      // New members may take what waits in the team's queue.
      ctx.assignment?.staffChanged(admin.siteId);
      return team;
    },
    async remove(p: Principal, id: string): Promise<void> {
      const admin = requireAdmin(p, 'Deleting a team');
      if (!(await ctx.store.deleteTeam(admin.siteId, id))) fail('not_found', 'No such team.');
      await changed(admin.siteId);
      // Page rules and the pre-chat choice naming it go with it: left in, the next save of either
      // would be refused (unknown_team) over a team the admin already deleted.
      const site = await ctx.store.getSite(admin.siteId);
      const cleaned = site && settingsWithoutTeam(site.settings, id);
      if (cleaned) await updateSite(ctx, p, admin.siteId, { settings: cleaned });
      // Its waiting conversations are in the site's queue now, for any agent.
      ctx.assignment?.staffChanged(admin.siteId);
    },
  };
}
export type TeamCases = ReturnType<typeof createTeamCases>;

/** A conversation's new team, when it exists in the site: unknown_team otherwise. Returns its name for the timeline. */
export async function teamNamed(ctx: DomainContext, siteId: string, teamId: string): Promise<Team> {
  const team = await ctx.store.getTeam(teamId);
  if (!team || team.siteId !== siteId) return fail('unknown_team', `No team ${teamId} in this site (GET /api/v1/teams lists them).`);
  return team;
}
