import { emailEnabled } from '../../email/enabled.ts';
import { deleteCookie, setCookie } from 'hono/cookie';
import { Routes } from '../../../protocol/index.ts';
import { toStaffMember } from '../../auth/index.ts';
import { fail, ParleyError } from '../../errors.ts';
import { requestIp } from '../rate-limit.ts';
import { requireAuth, SESSION_COOKIE } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { crossOriginOf, isHttps } from '../origin-check.ts';
import { StaffLoginRequest } from '../../../protocol/schema/index.ts';
import { readJson } from '../input.ts';

/** Staff login (an httpOnly SameSite=Strict cookie; the token in JSON for non-browser clients), logout (revokes the session), me, list. */
export function registerStaffAuth(app: App, deps: RouteDeps): void {
  app.post(Routes.staffLogin, deps.writeLimit.perIp('staff-login'), async (c) => {
    const origin = crossOriginOf(c, deps.config);
    if (origin && !deps.config.dashboardOrigins.includes(origin)) fail('origin_not_allowed', `Origin ${origin.slice(0, 200)} may not log in staff.`);
    const { email, password } = await readJson(c, StaffLoginRequest, deps.config.limits.maxBodyBytes);
    const login = await deps.auth.staffLogin(email.trim(), password).catch((err) => {
      // A security event with the account that was tried (the error handler does not know it).
      if (err instanceof ParleyError && err.code === 'invalid_credentials') {
        deps.log.warn('security: login failed', { event: 'invalid_credentials', requestId: c.get('requestId'), ip: requestIp(c, deps.config), email: email.slice(0, 320) });
      }
      throw err;
    });
    // Strict: no other site's page makes the browser send it, not even a top-level link. httpOnly: no
    // script reads it, so a script injected into the dashboard cannot carry the session away.
    setCookie(c, SESSION_COOKIE, login.token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: isHttps(c),
      expires: new Date(login.expiresAt),
    });
    deps.log.info('staff login', { requestId: c.get('requestId'), staffId: login.staff.id, siteId: login.site.id });
    // A browser (it always sends Origin on this POST) gets the session as the cookie only, never in a body
    // a script could read; other clients (curl, the CLI, tests) get the Bearer token.
    const { token, ...rest } = login;
    return c.json(c.req.header('origin') ? rest : { ...rest, token });
  });

  app.post(Routes.staffLogout, requireAuth(deps, { role: 'staff', apiTokens: false }), async (c) => {
    await deps.auth.staffLogout(c.get('principal'));
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
