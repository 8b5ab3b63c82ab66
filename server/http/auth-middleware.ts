import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { AppEnv, HttpDeps } from './env.ts';
import { crossOriginOf } from './origin-check.ts';
import { CSRF_HEADER } from '../auth/csrf.ts';
import { checkNotBlocked } from '../domain/blocks.ts';
import { requestIp } from './rate-limit.ts';
import { isApiTokenSecret } from '../apitokens/service.ts';
import type { ApiTokenAuth } from './api-token-auth.ts';

export const SESSION_COOKIE = 'parley_session';

export interface AuthOptions {
  /** Who may call: any signed-in principal (default), staff only, or admins only. */
  role?: 'any' | 'staff' | 'admin' | 'visitor';
  /** False for routes about a person's own session (logout, their email preference): no API tokens. */
  apiTokens?: boolean;
  /** The scope an API token needs here instead of read/write/admin (the privacy routes: 'privacy'). */
  apiScope?: 'privacy';
}

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the staff `parley_session` cookie (never
 * from the URL: attachment downloads use signed links), and checks that a cross-origin caller is allowed: a visitor's Origin
 * must be listed by their site, a staff caller's must be one of PARLEY_DASHBOARD_ORIGINS.
 */
export function requireAuth(deps: Pick<HttpDeps, 'auth' | 'store' | 'config'> & { apiTokenAuth?: ApiTokenAuth }, opts: AuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { token, fromCookie } = findToken(c);
    if (!token) return fail('unauthorized', 'Sign in first: send Authorization: Bearer <token>.');
    if (!fromCookie && isApiTokenSecret(token)) {
      if (!deps.apiTokenAuth || opts.apiTokens === false || opts.role === 'visitor') fail('forbidden', 'API tokens cannot be used here.');
      const need = opts.apiScope ?? (opts.role === 'admin' ? 'admin' : c.req.method === 'GET' || c.req.method === 'HEAD' ? 'read' : 'write');
      c.set('principal', await deps.apiTokenAuth!.principal(c, token, need));
      return next();
    }
    const p = await deps.auth.verifyAccessToken(token);
    // Known from here on, so a refusal below is logged with who it was (errors.ts).
    c.set('principal', p);
    if (fromCookie && p.kind !== 'staff') fail('unauthorized', 'The session cookie is for staff only.');
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (fromCookie && c.req.header('sec-fetch-site') === 'cross-site' && write) {
      fail('origin_not_allowed', 'Cross-site requests with the staff session cookie are refused.');
    }
    await checkOrigin(c, deps, p);
    if (p.kind === 'visitor') await checkNotBlocked(deps.store, p.siteId, { visitorId: p.visitorId, ip: requestIp(c, deps.config) });
    // A write the cookie authenticates must prove it comes from the dashboard's own script (csrf.ts).
    if (fromCookie && write && !deps.auth.csrfMatches(p, c.req.header(CSRF_HEADER))) {
      fail('csrf_failed', 'Send the session\'s X-CSRF-Token header (from the login answer or GET /api/v1/staff/me) with every change.');
    }
    if (opts.role === 'staff' && p.kind !== 'staff') fail('forbidden', 'Only staff can do this.');
    if (opts.role === 'visitor' && p.kind !== 'visitor') fail('forbidden', 'Only visitors can do this.');
    if (opts.role === 'admin' && (p.kind !== 'staff' || p.role !== 'admin')) fail('forbidden', 'Only admins can do this.');
    c.set('principal', p);
    deps.auth.noteActivity(p);
    await next();
  };
}

export function findToken(c: Context): { token: string | null; fromCookie: boolean } {
  const header = c.req.header('authorization');
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) fail('unauthorized', 'The Authorization header must be "Bearer <token>".');
    return { token: m![1], fromCookie: false };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, fromCookie: true } : { token: null, fromCookie: false };
}

export async function checkOrigin(c: Context, deps: Pick<HttpDeps, 'auth' | 'store' | 'config'>, p: Principal): Promise<void> {
  const origin = crossOriginOf(c, deps.config);
  if (!origin) return;
  if (p.kind === 'staff') {
    if (!deps.config.dashboardOrigins.includes(origin)) fail('origin_not_allowed', `Origin ${origin.slice(0, 200)} may not call staff routes.`);
    return;
  }
  const site = await deps.store.getSite(p.siteId);
  if (!site || !deps.auth.isOriginAllowed(site, origin)) fail('origin_not_allowed', `Origin ${origin.slice(0, 200)} is not allowed for this site.`);
}
