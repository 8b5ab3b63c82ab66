import { Routes } from '../../../protocol/index.ts';
import { CreateTeamRequest, IdParams, UpdateTeamRequest } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams } from '../input.ts';

/** Teams of the caller's site: every agent reads, admins write (domain/teams/teams.ts has the rules). */
export function registerTeams(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin' });
  const max = deps.config.limits.maxBodyBytes;
  const teams = deps.domain.teams;
  app.get(Routes.teams, requireAuth(deps, { role: 'staff' }), async (c) => c.json({ teams: await teams.list(c.get('principal')) }));
  app.post(Routes.teams, admin, async (c) => c.json({ team: await teams.create(c.get('principal'), await readJson(c, CreateTeamRequest, max)) }, 201));
  app.patch(Routes.team, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    return c.json({ team: await teams.update(c.get('principal'), id, await readJson(c, UpdateTeamRequest, max)) });
  });
  app.delete(Routes.team, admin, async (c) => {
    await teams.remove(c.get('principal'), readParams(c, IdParams).id);
    return c.json({ ok: true });
  });
}
