import { emailEnabled } from '../../email/enabled.ts';
import { deleteCookie } from 'hono/cookie';
import { Routes } from '../../../protocol/index.ts';
import { toStaffMember } from '../../auth/index.ts';
import { fail } from '../../errors.ts';
import { requireAuth, SESSION_COOKIE } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { isHttps } from '../origin-check.ts';
import { answerWithSession, checkSessionOrigin } from '../session-cookie.ts';
import { StaffLoginRequest } from '../../../protocol/schema/index.ts';
import { readJson } from '../input.ts';
import { requestIp } from '../rate-limit.ts';

/** Staff login (an httpOnly SameSite=Strict cookie; the token in JSON for non-browser clients), logout (revokes the session), me, list. */
export function registerStaffAuth(app: App, deps: RouteDeps): void {
  app.post(Routes.staffLogin, deps.writeLimit.perIp('staff-login'), async (c) => {
    checkSessionOrigin(c, deps);
    const { email, password } = await readJson(c, StaffLoginRequest, deps.config.limits.maxBodyBytes);
    // Failed logins and per-account limit hits are logged as security events by the login guard (auth/login-guard.ts).
    const login = await deps.auth.staffLogin(email.trim(), password, requestIp(c, deps.config));
    deps.log.info('staff login', { requestId: c.get('requestId'), staffId: login.staff.id, siteId: login.site.id });
    return answerWithSession(c, login);
  });

  app.post(Routes.staffLogout, requireAuth(deps, { role: 'staff', apiTokens: false }), async (c) => {
    const p = c.get('principal');
    await deps.auth.staffLogout(p);
    // Its open sockets close now, not at their next heartbeat.
    if (p.kind === 'staff') await deps.domain.team.sessionsEnded(p.staffId);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    return c.json({ ok: true });
  });

  app.get(Routes.staffMe, requireAuth(deps, { role: 'staff', apiTokens: false }), async (c) => {
    const p = c.get('principal');
    if (p.kind !== 'staff') return fail('forbidden', 'Only staff can do this.');
    const [staff, site] = await Promise.all([deps.store.getStaff(p.staffId), deps.store.getSite(p.siteId)]);
    if (!staff || !site) return fail('unauthorized', 'This account no longer exists.');
    // The CSRF token is readable here (a GET other origins cannot read): a reloaded dashboard gets it back.
    return c.json({ staff: toStaffMember(staff), site: { id: site.id, key: site.key, name: site.name, settings: site.settings, email: emailEnabled(deps.config.email) }, csrfToken: deps.auth.csrfToken(p) });
  });

  app.get(Routes.staffList, requireAuth(deps, { role: 'staff' }), async (c) => {
    return c.json({ staff: await deps.domain.listStaff(c.get('principal')) });
  });
}
