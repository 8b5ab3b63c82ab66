import { checkAccent, MIN_ACCENT_CONTRAST, preChatEmailMode, type SitePublic, type SiteSettings } from '../../protocol/index.ts';
import { Topics } from '../bus/bus.ts';
import { emailEnabled } from '../email/enabled.ts';
import { fail } from '../errors.ts';
import type { SiteRecord } from '../store/store.ts';
import { requireAdmin } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { publishAll } from './routing.ts';
import { visitorSettings } from './assignment/assignment-settings.ts';
import { checkSiteSettings } from './site-settings-rules.ts';
import { checkTeamSettings } from './teams/team-settings.ts';

export interface SitePatch {
  name?: string;
  settings?: SiteSettings;
  allowedOrigins?: string[];
  identitySecret?: string;
}

/** What visitors and staff see of a site (never its secret or origins). */
export function sitePublicOf(ctx: Pick<DomainContext, 'config'>, site: SiteRecord): SitePublic {
  return { key: site.key, name: site.name, settings: site.settings, email: emailEnabled(ctx.config.email) };
}

/** The accent is stored as `#rrggbb` and only when white text on it is readable (protocol/contrast.ts). */
export function checkSettings(given: SiteSettings): SiteSettings {
  // One spelling of the pre-chat mode from here on (older callers send true/false).
  const settings = checkSiteSettings(given.preChatEmail === undefined ? given : { ...given, preChatEmail: preChatEmailMode(given) });
  if (settings.color === undefined || settings.color === '') {
    const { color: _none, ...rest } = settings;
    return rest;
  }
  const check = checkAccent(settings.color);
  if (!check) fail('bad_request', 'settings.color must be a colour like #1f6feb.');
  if (!check!.ok) {
    fail('bad_request', `White text on ${check!.color} has a contrast of ${check!.ratio}:1; at least ${MIN_ACCENT_CONTRAST}:1 is needed to be readable. ${check!.suggestion} is the nearest shade that passes.`);
  }
  return { ...settings, color: check!.color };
}

/**
 * Site administration by an admin of that site (the only writer of site records besides the
 * operator's CLI). Name and settings changes reach the site's open widgets and dashboards at once
 * as `site.updated`.
 */
export async function updateSite(ctx: DomainContext, p: Principal, siteId: string, patch: SitePatch): Promise<SiteRecord> {
  const admin = requireAdmin(p, 'Changing the site');
  if (admin.siteId !== siteId) fail('not_found', 'No such site.');
  const settings = patch.settings === undefined ? undefined : checkSettings(patch.settings);
  if (settings) await checkTeamSettings(ctx, siteId, settings);
  // A new identity secret: the replaced one still verifies user JWTs (and its sessions) for the grace period.
  const current = patch.identitySecret === undefined ? null : await ctx.store.getSite(siteId);
  const previousIdentity = current ? { previousIdentity: { secret: current.identitySecret, until: ctx.now() + ctx.config.identityGraceSec * 1000 } } : {};
  const updated = await ctx.store.updateSite(siteId, { ...patch, ...(settings ? { settings } : {}), ...previousIdentity });
  if (!updated) return fail('not_found', 'No such site.');
  if (patch.name !== undefined || settings !== undefined) {
    // Visitors never see the assignment rules (staff ids, capacities).
    const site = sitePublicOf(ctx, updated);
    await publishAll(ctx.bus, [Topics.siteVisitors(siteId)], { kind: 'site.updated', site: { ...site, settings: visitorSettings(site.settings) } }, ctx.onPublishError);
    await publishAll(ctx.bus, [Topics.siteStaff(siteId)], { kind: 'site.updated', site }, ctx.onPublishError);
  }
  // New hours reach visitors, and the queue moves under the new rules.
  if (settings !== undefined) ctx.assignment?.settingsChanged(siteId);
  return updated;
}
