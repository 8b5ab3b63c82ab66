import { Routes } from '../../../protocol/index.ts';
import { IdParams, InviteRequest, PasswordLinkRequest, UpdateMemberRequest, UsePasswordLinkRequest } from '../../../protocol/schema/index.ts';
import { fail } from '../../errors.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams } from '../input.ts';
import { answerWithSession, checkSessionOrigin } from '../session-cookie.ts';

/**
 * The team of a site (admins): list with status, invite (a link that sets the password), change role,
 * deactivate or reactivate, remove, reset a password; and the password link itself, used without a
 * session. The rules live in domain/team.ts.
 */
export function registerTeam(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin' });
  const max = deps.config.limits.maxBodyBytes;
  const team = deps.domain.team;
  const log = (c: { get(k: 'requestId'): string }, msg: string, fields: Record<string, unknown>) => deps.log.info(msg, { requestId: c.get('requestId'), ...fields });

  app.get(Routes.adminStaff, admin, async (c) => c.json({ staff: await team.listMembers(c.get('principal')) }));

  app.post(Routes.adminInvitations, admin, deps.writeLimit.perPrincipal('team'), async (c) => {
    const body = await readJson(c, InviteRequest, max);
    const invited = await team.invite(c.get('principal'), body);
    log(c, 'member invited', { staffId: invited.staff.id, role: invited.staff.role });
    return c.json(invited, 201);
  });

  app.patch(Routes.adminMember, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    const body = await readJson(c, UpdateMemberRequest, max);
    if (body.role === undefined && body.active === undefined) fail('bad_request', 'Say role or active.');
    const p = c.get('principal');
    let staff = body.role !== undefined ? await team.changeRole(p, id, body.role) : undefined;
    let unassigned: number | undefined;
    if (body.active !== undefined) ({ staff, unassigned } = await team.setActive(p, id, body.active));
    log(c, 'member changed', { staffId: id, ...body, unassigned });
    return c.json({ staff, ...(unassigned !== undefined ? { unassigned } : {}) });
  });

  app.delete(Routes.adminMember, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    await team.remove(c.get('principal'), id);
    log(c, 'member removed', { staffId: id });
    return c.json({ ok: true });
  });

  app.post(Routes.adminMemberReset, admin, deps.writeLimit.perPrincipal('team'), async (c) => {
    const { id } = readParams(c, IdParams);
    const link = await team.resetPassword(c.get('principal'), id);
    log(c, 'password reset', { staffId: id });
    return c.json({ link });
  });

  // No session: the link's token is the credential. Limited per IP like login.
  app.post(Routes.passwordLink, deps.writeLimit.perIp('password-link'), async (c) => {
    const { token } = await readJson(c, PasswordLinkRequest, max);
    return c.json(await team.passwordLink(token));
  });

  app.post(Routes.passwordLinkUse, deps.writeLimit.perIp('password-link'), async (c) => {
    checkSessionOrigin(c, deps);
    const { token, password } = await readJson(c, UsePasswordLinkRequest, max);
    const staff = await team.setPasswordWithLink(token, password);
    const login = await deps.auth.startStaffSession(staff);
    log(c, 'password set with a link', { staffId: staff.id });
    return answerWithSession(c, login);
  });
}
