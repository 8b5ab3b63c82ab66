import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { StaffLoginResponse } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { SESSION_COOKIE } from './auth-middleware.ts';
import type { AppEnv, RouteDeps } from './env.ts';
import { crossOriginOf, isHttps } from './origin-check.ts';

/**
 * Routes that open a staff session (login, a password link, a site switch) answer the same way: the
 * session as an httpOnly SameSite=Strict cookie, and the token in the body only for clients that are
 * not browsers. Strict: no other site's page makes the browser send it, not even a top-level link.
 * httpOnly: no script reads it, so a script injected into the dashboard cannot carry the session away.
 */
export function answerWithSession(c: Context<AppEnv>, login: StaffLoginResponse & { token: string }): Response {
  setCookie(c, SESSION_COOKIE, login.token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c),
    expires: new Date(login.expiresAt),
  });
  // A browser (it always sends Origin on a POST) gets the session as the cookie only, never in a body
  // a script could read; other clients (curl, the CLI, tests) get the Bearer token.
  const { token, ...rest } = login;
  return c.json(c.req.header('origin') ? rest : { ...rest, token });
}

/** Only the dashboard's own origins may open a session in a browser (no login CSRF from another page). */
export function checkSessionOrigin(c: Context<AppEnv>, deps: RouteDeps): void {
  const origin = crossOriginOf(c, deps.config);
  if (origin && !deps.config.dashboardOrigins.includes(origin)) fail('origin_not_allowed', `Origin ${origin.slice(0, 200)} may not log in staff.`);
}
