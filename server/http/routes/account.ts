import { deleteCookie } from 'hono/cookie';
import { Routes } from '../../../protocol/index.ts';
import { ChangePasswordRequest, SwitchSiteRequest, UpdateProfileRequest } from '../../../protocol/schema/index.ts';
import { requireAuth, SESSION_COOKIE } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson } from '../input.ts';
import { isHttps } from '../origin-check.ts';
import { answerWithSession } from '../session-cookie.ts';

/** What every member does for themselves: their name, their password, "sign out everywhere". */
export function registerAccount(app: App, deps: RouteDeps): void {
  // A person's own account: their session, never an API token.
  const staff = requireAuth(deps, { role: 'staff', apiTokens: false });
  const max = deps.config.limits.maxBodyBytes;
  const team = deps.domain.team;

  app.patch(Routes.staffMe, staff, async (c) => c.json({ staff: await team.updateProfile(c.get('principal'), await readJson(c, UpdateProfileRequest, max)) }));

  app.put(Routes.staffPassword, staff, deps.writeLimit.perPrincipal('account'), async (c) => {
    const { current, password } = await readJson(c, ChangePasswordRequest, max);
    await team.changeOwnPassword(c.get('principal'), current, password);
    deps.log.info('password changed', { requestId: c.get('requestId'), staffId: (c.get('principal') as { staffId: string }).staffId });
    return c.json({ ok: true });
  });

  app.get(Routes.staffMemberships, staff, async (c) => {
    const p = c.get('principal');
    const [memberships, canCreateSites] = await Promise.all([deps.domain.memberships.list(p), deps.domain.memberships.isServerOwner(p)]);
    return c.json({ memberships, canCreateSites });
  });

  // Another of their sites: a session there, and this one ends (one live session per tab).
  app.post(Routes.staffSwitch, staff, async (c) => {
    const { siteId } = await readJson(c, SwitchSiteRequest, max);
    const p = c.get('principal');
    const target = await deps.domain.memberships.target(p, siteId);
    const login = await deps.auth.startStaffSession(target);
    await deps.auth.staffLogout(p);
    return answerWithSession(c, login);
  });

  app.post(Routes.staffSignOutAll, staff, async (c) => {
    await team.signOutEverywhere(c.get('principal'));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    return c.json({ ok: true });
  });
}
