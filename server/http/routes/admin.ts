import { FIELD_LIMITS, Routes, type InstallationResponse, type SiteSettings } from '../../../protocol/index.ts';
import { embedSnippet, esmSnippet } from '../../../protocol/snippet.ts';
import { changeOrigins, checkOriginPattern, generatePassword, hashPassword, newIdentitySecret, toStaffMember } from '../../auth/index.ts';
import { passwordProblem } from '../../auth/password-policy.ts';
import type { Principal } from '../../domain/principal.ts';
import { checkSettings } from '../../domain/site-admin.ts';
import { fail } from '../../errors.ts';
import { checkSiteSettings } from '../../domain/site-settings-rules.ts';
import type { SiteRecord } from '../../store/store.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { CreateSiteRequest, CreateStaffRequest, IdParams, OriginRequest, ServerOwnerRequest, UpdateSiteRequest } from '../../../protocol/schema/index.ts';
import { readJson, readParams, readQuery } from '../input.ts';

/**
 * Admin routes. An admin manages their own site (origins, settings, identity secret rotation, staff);
 * other sites are invisible to them (404), so one server can host tenants that do not trust each
 * other. Site changes go through the domain, which checks the accent and tells open widgets. Creating a site also creates its first admin; the operator's CLI does the same.
 */

/** Origins by the CLI's rules (auth/origin-list.ts), stored in canonical spelling, without repeats. */
function checkOrigins(list: string[], field: string): string[] {
  const checked = list.map((raw, i) => {
    const r = checkOriginPattern(raw);
    return r.ok ? r.origin : fail('bad_request', `${field}[${i}]: ${r.reason}`);
  });
  return [...new Set(checked)];
}
const MAX_ORIGINS = FIELD_LIMITS.origins;

const siteIdOf = (p: Principal) => p.siteId;

/**
 * A site as admins read it: the identity secret is shown once (when made or rotated), afterwards only
 * its last four characters, and when a rotation's grace period for the previous one ends.
 */
function adminView(site: SiteRecord, showSecret = false) {
  const { identitySecret, previousIdentitySecret: _p, previousIdentityUntil, ...rest } = site;
  return {
    ...rest,
    identitySecretHint: identitySecret.slice(-4),
    ...(previousIdentityUntil && previousIdentityUntil > Date.now() ? { previousIdentityUntil } : {}),
    ...(showSecret ? { identitySecret } : {}),
  };
}

/** Text settings are stored trimmed; an emptied one is dropped (the widget's default applies). */
function trimmed(settings: SiteSettings): SiteSettings {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    const t = typeof v === 'string' ? v.trim() : v;
    if (t !== '' && t !== undefined) out[k] = t;
  }
  return out as SiteSettings;
}

export function registerAdmin(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin' });
  const max = deps.config.limits.maxBodyBytes;
  const ownSite = async (p: Principal, id: string): Promise<SiteRecord> => {
    const site = id === siteIdOf(p) ? await deps.store.getSite(id) : null;
    return site ?? fail('not_found', 'No such site.');
  };
  /**
   * A new member with a password. One email is one person with one password on all their sites: someone
   * who already has one joins with it (no password is made or taken: an admin of one site must not set
   * the password a person uses on another).
   */
  const staffPassword = async (input: { email: string; password?: string }): Promise<{ passwordHash: string; password?: string }> => {
    const email = input.email.trim().toLowerCase();
    const existing = (await deps.store.findStaffByEmail(email)).find((m) => m.passwordHash !== '');
    if (existing) {
      if (input.password !== undefined) fail('conflict', `${email} already has a Parley password (from another site); leave the password out and they join with it.`);
      return { passwordHash: existing.passwordHash };
    }
    const problem = input.password === undefined ? null : passwordProblem(input.password, email);
    if (problem) fail('weak_password', problem);
    const password = input.password ?? generatePassword();
    return { passwordHash: await hashPassword(password), ...(input.password ? {} : { password }) };
  };
  const addStaff = async (siteId: string, input: { email: string; name: string }, role: 'admin' | 'agent', pw: { passwordHash: string; password?: string }) => {
    const staff = await deps.store.createStaff({ siteId, email: input.email.trim().toLowerCase(), name: input.name.trim(), role, passwordHash: pw.passwordHash });
    return { staff: toStaffMember(staff), ...(pw.password ? { password: pw.password } : {}) };
  };

  app.get(Routes.adminSites, admin, async (c) => c.json({ sites: [adminView(await ownSite(c.get('principal'), siteIdOf(c.get('principal'))))] }));

  app.post(Routes.adminSites, admin, async (c) => {
    if (!(await deps.domain.memberships.isServerOwner(c.get('principal')))) fail('forbidden', 'Only the owner of this Parley server creates sites (PARLEY_SERVER_OWNERS, or the first admin and whom they made owners).');
    const body = await readJson(c, CreateSiteRequest, max);
    // Everything is checked before the site exists: a refused admin leaves no site without one.
    const allowedOrigins = checkOrigins(body.allowedOrigins, 'allowedOrigins');
    const settings = checkSiteSettings(checkSettings(trimmed(body.settings ?? {})));
    const pw = await staffPassword(body.admin);
    const site = await deps.store.createSite({ name: body.name.trim(), allowedOrigins, settings, identitySecret: newIdentitySecret() });
    const first = await addStaff(site.id, body.admin, 'admin', pw);
    const by = c.get('principal');
    deps.log.info('site created', { requestId: c.get('requestId'), siteId: site.id, by: by.kind === 'staff' ? by.staffId : by.visitorId });
    return c.json({ site: adminView(site, true), admin: first.staff, ...(first.password ? { password: first.password } : {}) }, 201);
  });

  const owners = deps.domain.memberships;
  app.get(Routes.serverOwners, admin, async (c) => c.json(await owners.owners(c.get('principal'))));
  app.post(Routes.serverOwners, admin, async (c) => c.json(await owners.owners(c.get('principal'), { add: (await readJson(c, ServerOwnerRequest, max)).email })));
  app.delete(Routes.serverOwners, admin, async (c) => c.json(await owners.owners(c.get('principal'), { remove: readQuery(c, ServerOwnerRequest).email })));

  app.get(Routes.adminSite, admin, async (c) => c.json({ site: adminView(await ownSite(c.get('principal'), readParams(c, IdParams).id)) }));

  app.patch(Routes.adminSite, admin, async (c) => {
    const site = await ownSite(c.get('principal'), readParams(c, IdParams).id);
    const body = await readJson(c, UpdateSiteRequest, max);
    const updated = await deps.domain.updateSite(c.get('principal'), site.id, {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.allowedOrigins !== undefined ? { allowedOrigins: checkOrigins(body.allowedOrigins, 'allowedOrigins') } : {}),
      ...(body.settings !== undefined ? { settings: trimmed(body.settings) } : {}),
      ...(body.rotateIdentitySecret ? { identitySecret: newIdentitySecret() } : {}),
    });
    return c.json({ site: adminView(updated, body.rotateIdentitySecret === true) });
  });

  // One origin at a time, so two admins editing the list at once do not undo each other.
  app.post(Routes.adminSiteOrigins, admin, async (c) => {
    const site = await ownSite(c.get('principal'), readParams(c, IdParams).id);
    const [added] = checkOrigins([(await readJson(c, OriginRequest, max)).origin], 'origin');
    if (site.allowedOrigins.length >= MAX_ORIGINS && !site.allowedOrigins.includes(added)) fail('bad_request', `A site has at most ${MAX_ORIGINS} origins.`);
    const allowedOrigins = changeOrigins(site.allowedOrigins, [added], 'add');
    return c.json({ site: adminView(await deps.domain.updateSite(c.get('principal'), site.id, { allowedOrigins })) });
  });

  app.delete(Routes.adminSiteOrigins, admin, async (c) => {
    const site = await ownSite(c.get('principal'), readParams(c, IdParams).id);
    const [removed] = checkOrigins([readQuery(c, OriginRequest).origin], 'origin');
    const allowedOrigins = changeOrigins(site.allowedOrigins, [removed], 'remove');
    if (allowedOrigins.length === site.allowedOrigins.length) fail('not_found', `${removed} is not an allowed origin of this site.`);
    return c.json({ site: adminView(await deps.domain.updateSite(c.get('principal'), site.id, { allowedOrigins })) });
  });

  app.get(Routes.adminSiteInstallation, admin, async (c) => {
    const site = await ownSite(c.get('principal'), readParams(c, IdParams).id);
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    const body: InstallationResponse = {
      snippet: embedSnippet(base, site.key, { requireConsent: site.settings.requireConsent }).join('\n'),
      esmSnippet: esmSnippet(base, site.key, { requireConsent: site.settings.requireConsent }).join('\n'),
      sightings: await deps.domain.widgetSightings(c.get('principal')),
    };
    return c.json(body);
  });

  app.post(Routes.adminStaff, admin, async (c) => {
    const body = await readJson(c, CreateStaffRequest, max);
    return c.json(await addStaff(siteIdOf(c.get('principal')), body, body.role, await staffPassword(body)), 201);
  });
}
