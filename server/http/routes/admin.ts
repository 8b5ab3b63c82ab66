import { Routes } from '../../../protocol/index.ts';
import { generatePassword, hashPassword, isValidOriginPattern, newIdentitySecret, toStaffMember } from '../../auth/index.ts';
import type { Principal } from '../../domain/principal.ts';
import { fail } from '../../errors.ts';
import { checkSiteSettings } from '../../domain/site-settings-rules.ts';
import type { SiteRecord } from '../../store/store.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { CreateSiteRequest, CreateStaffRequest, IdParams, UpdateSiteRequest } from '../../../protocol/schema/index.ts';
import { readJson, readParams } from '../input.ts';

/**
 * Admin routes. An admin manages their own site (origins, settings, identity secret rotation, staff);
 * other sites are invisible to them (404), so one server can host tenants that do not trust each
 * other. Creating a site also creates its first admin; the operator's CLI does the same.
 */

/** Origins stored trimmed, each one a form the Origin check understands. */
function checkOrigins(list: string[], field: string): string[] {
  return list.map((raw, i) => {
    const s = raw.trim();
    if (!isValidOriginPattern(s)) fail('bad_request', `${field}[${i}] must be an origin like https://shop.example or http://localhost:*.`);
    return s;
  });
}

const siteIdOf = (p: Principal) => p.siteId;

export function registerAdmin(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin' });
  const max = deps.config.limits.maxBodyBytes;
  const ownSite = async (p: Principal, id: string): Promise<SiteRecord> => {
    const site = id === siteIdOf(p) ? await deps.store.getSite(id) : null;
    return site ?? fail('not_found', 'No such site.');
  };
  const addStaff = async (siteId: string, input: { email: string; name: string; password?: string }, role: 'admin' | 'agent') => {
    const password = input.password ?? generatePassword();
    const staff = await deps.store.createStaff({ siteId, email: input.email.toLowerCase(), name: input.name.trim(), role, passwordHash: await hashPassword(password) });
    return { staff: toStaffMember(staff), ...(input.password ? {} : { password }) };
  };

  app.get(Routes.adminSites, admin, async (c) => c.json({ sites: [await ownSite(c.get('principal'), siteIdOf(c.get('principal')))] }));

  app.post(Routes.adminSites, admin, async (c) => {
    const body = await readJson(c, CreateSiteRequest, max);
    const site = await deps.store.createSite({
      name: body.name.trim(),
      allowedOrigins: checkOrigins(body.allowedOrigins, 'allowedOrigins'),
      settings: checkSiteSettings(body.settings ?? {}),
      identitySecret: newIdentitySecret(),
    });
    const first = await addStaff(site.id, body.admin, 'admin');
    const by = c.get('principal');
    deps.log.info('site created', { requestId: c.get('requestId'), siteId: site.id, by: by.kind === 'staff' ? by.staffId : by.visitorId });
    return c.json({ site, admin: first.staff, ...(first.password ? { password: first.password } : {}) }, 201);
  });

  app.get(Routes.adminSite, admin, async (c) => c.json({ site: await ownSite(c.get('principal'), readParams(c, IdParams).id) }));

  app.patch(Routes.adminSite, admin, async (c) => {
    const site = await ownSite(c.get('principal'), readParams(c, IdParams).id);
    const body = await readJson(c, UpdateSiteRequest, max);
    const updated = await deps.store.updateSite(site.id, {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.allowedOrigins !== undefined ? { allowedOrigins: checkOrigins(body.allowedOrigins, 'allowedOrigins') } : {}),
      ...(body.settings !== undefined ? { settings: checkSiteSettings(body.settings) } : {}),
      ...(body.rotateIdentitySecret ? { identitySecret: newIdentitySecret() } : {}),
    });
    if (updated && body.settings !== undefined) await deps.domain.siteSettingsChanged(updated.id);
    return c.json({ site: updated ?? fail('not_found', 'No such site.') });
  });

  app.get(Routes.adminStaff, admin, async (c) => {
    const list = await deps.store.listStaff(siteIdOf(c.get('principal')));
    return c.json({ staff: list.map(toStaffMember) });
  });

  app.post(Routes.adminStaff, admin, async (c) => {
    const body = await readJson(c, CreateStaffRequest, max);
    return c.json(await addStaff(siteIdOf(c.get('principal')), body, body.role), 201);
  });
}
