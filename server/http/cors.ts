import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { AppEnv } from './env.ts';
import { crossOriginOf } from './origin-check.ts';

/**
 * CORS for /api, only where a cross-origin caller needs it:
 * - the routes the widget calls from the sites that embed it (WIDGET_ROUTES). Those calls carry a
 *   Bearer token, never cookies, so responses allow the caller's origin without credentials. Whether
 *   the origin is really allowed is decided per request once the site is known: the visitor-session
 *   route and the auth middleware answer 403 origin_not_allowed for an origin the site does not list
 *   (a preflight alone grants nothing, it has no token and reads nothing);
 * - every route, with credentials, for the origins in PARLEY_DASHBOARD_ORIGINS (a dashboard hosted
 *   elsewhere). Any other origin gets no CORS headers on staff and admin routes: its page cannot read
 *   their answers, nor send them JSON (the preflight fails).
 */
const WIDGET_ROUTES = /^\/api\/v1\/(visitor\/(session|challenge|erasure-request)|realtime\/stream(\/[^/]+)?|presence|attachments(\/[^/]+)?|conversations(\/[^/]+(\/(messages|read|transcript))?)?)$/;
const ALLOW_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, X-CSRF-Token';

export function cors(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = crossOriginOf(c, config);
    if (!origin) return next();
    const withCredentials = config.dashboardOrigins.includes(origin);
    if (!withCredentials && !WIDGET_ROUTES.test(c.req.path)) return next();
    const common = (h: Headers | ((k: string, v: string) => void)) => {
      const set = typeof h === 'function' ? h : (k: string, val: string) => h.set(k, val);
      set('Access-Control-Allow-Origin', origin);
      set('Vary', 'Origin');
      if (withCredentials) set('Access-Control-Allow-Credentials', 'true');
    };
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      const headers = new Headers({
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      common(headers);
      return new Response(null, { status: 204, headers });
    }
    common((k, val) => c.header(k, val));
    await next();
  };
}
