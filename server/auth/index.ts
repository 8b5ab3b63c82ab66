import type { StaffLoginResponse, VisitorSessionRequest, VisitorSessionResponse } from '../../protocol/index.ts';
import type { Config } from '../config.ts';
import type { Principal } from '../domain/principal.ts';
import type { SiteRecord, StaffRecord, Store } from '../store/store.ts';
import { emailEnabled } from '../email/enabled.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { Throttle } from '../net/throttle.ts';
import { createLoginGuard } from './login-guard.ts';
import { identityKeyLive } from './identity.ts';
import { isOriginAllowed } from './origin.ts';
import { fail } from '../errors.ts';
import { createActivityRecorder, staffLogin, staffLogout, staffPrincipal, staffSessionLive, startStaffSession, type StaffSessionDeps, type StartedStaffSession } from './staff-session.ts';
import { createTokenService } from './tokens.ts';
import { createCsrfTokens } from './csrf.ts';
import { openVisitorSession, type VisitorSessionDeps } from './visitor-session.ts';

/**
 * Authentication for both transports: HTTP routes and the WebSocket gateway verify tokens here and
 * get a Principal the domain authorizes against.
 */
export interface Auth {
  openVisitorSession(req: VisitorSessionRequest, origin: string | null): Promise<VisitorSessionResponse>;
  /**
   * `requestIp` goes into the failure log only. The route decides whether the token goes in the body
   * (staff-auth.ts); here it is always there.
   */
  staffLogin(email: string, password: string, requestIp?: string): Promise<StaffLoginResponse & { token: string }>;
  /** A session for a member whose credentials were already checked (a password link just used, a site switch). */
  startStaffSession(staff: StaffRecord): Promise<StaffLoginResponse & { token: string }>;
  /** Revokes the staff session (its sessionId); the token is refused from then on. */
  staffLogout(p: Principal): Promise<void>;
  /** Visitor token or staff session token; throws ParleyError unauthorized / token_expired. */
  verifyAccessToken(token: string): Promise<Principal>;
  /** verifyAccessToken, also answering when the token expires (epoch ms), for a socket to recheck later. */
  authenticate(token: string): Promise<{ principal: Principal; expiresAt: number }>;
  /**
   * Whether a principal authenticated earlier still is, without verifying the signature again (it was,
   * and the token has not changed): token_expired past `expiresAt` (plus the clock tolerance), and for
   * staff unauthorized once their session row is revoked or gone.
   */
  recheck(p: Principal, expiresAt: number): Promise<void>;
  /** Exact origins and "http://localhost:*" style port wildcards; a missing Origin (null) is allowed. */
  isOriginAllowed(site: SiteRecord, origin: string | null): boolean;
  /** The CSRF token of a staff session (csrf.ts): what a cookie-authenticated write must send as X-CSRF-Token. */
  csrfToken(p: Principal): string;
  csrfMatches(p: Principal, given: string | undefined): boolean;
  /** A staff member used their session (a request, a command): the idle timeout starts again. */
  noteActivity(p: Principal): void;
}

export interface AuthDeps {
  store: Store;
  config: Config;
  /** Signs visitor and staff tokens (at least 16 characters). */
  secret: string;
  now?: () => number;
  /** Where failed logins and per-account limit hits are logged. */
  log?: Logger;
  /** Where the per-account login limit counts: the server's throttle (Redis when configured, so shared by every process). */
  throttle?: Throttle;
}

export function createAuth(deps: AuthDeps): Auth {
  const now = deps.now ?? Date.now;
  const { config, store } = deps;
  const tokens = createTokenService({
    secret: deps.secret,
    visitorTtlSec: config.visitorTokenTtlSec,
    clockToleranceSec: config.jwtClockToleranceSec,
    now,
  });
  const visitorDeps: VisitorSessionDeps = { store, tokens, clockToleranceSec: config.jwtClockToleranceSec, now, emailEnabled: emailEnabled(config.email) };
  const csrf = createCsrfTokens(deps.secret);
  setPasswordHashCost(config.passwordHashCost);
  const guard = createLoginGuard({ burst: config.serverLimits.loginAccountBurst, perMinute: config.serverLimits.loginAccountPerMin, now, log: deps.log ?? silentLogger, throttle: deps.throttle });
  const staffDeps: StaffSessionDeps = { store, tokens, sessionTtlSec: config.staffSessionTtlSec, now, emailEnabled: emailEnabled(config.email), idleTimeoutSec: config.staffIdleTimeoutSec, guard };
  const recordActivity = createActivityRecorder(staffDeps);
  // Every new session's answer carries its CSRF token (what a cookie-authenticated write must send).
  const withCsrf = ({ sessionId, ...login }: StartedStaffSession) => ({ ...login, csrfToken: csrf.forSession(sessionId) });

  async function authenticate(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const claims = await tokens.verify(token);
    if (claims.kind === 'staff') return { principal: await staffPrincipal(staffDeps, claims), expiresAt: claims.exp };
    const principal: Principal = claims.identityKey
      ? { kind: 'visitor', siteId: claims.siteId, visitorId: claims.visitorId, identityKey: claims.identityKey }
      : { kind: 'visitor', siteId: claims.siteId, visitorId: claims.visitorId };
    await visitorExists(claims.visitorId);
    await visitorStillVouched(principal);
    return { principal, expiresAt: claims.exp };
  }

  /** An erased visitor's record is gone (server/domain/privacy-erase.ts): their tokens name nobody. */
  async function visitorExists(visitorId: string): Promise<void> {
    if (!(await store.getVisitor(visitorId))) fail('unauthorized', 'This visitor no longer exists (erased); open a new session.');
  }

  /**
   * A visitor session opened under an identity secret that was rotated out ends with the grace period;
   * a site that requires identified visitors takes no anonymous session, even one opened before.
   */
  async function visitorStillVouched(p: Extract<Principal, { kind: 'visitor' }>): Promise<void> {
    if (!p.identityKey) {
      const site = await store.getSite(p.siteId);
      if (site?.settings.requireIdentified) fail('unauthorized', 'This site chats only with signed-in users.');
      return;
    }
    const site = await store.getSite(p.siteId);
    if (!site || !identityKeyLive(site, p.identityKey, now())) fail('unauthorized', 'This session was signed in under an identity secret that has been replaced; sign in again.');
  }

  return {
    openVisitorSession: (req, origin) => openVisitorSession(visitorDeps, req, origin),
    staffLogin: async (email, password, requestIp) => withCsrf(await staffLogin(staffDeps, email, password, requestIp)),
    startStaffSession: async (staff) => withCsrf(await startStaffSession(staffDeps, staff)),
    staffLogout: (p) => staffLogout(staffDeps, p),
    verifyAccessToken: async (token) => (await authenticate(token)).principal,
    authenticate,
    async recheck(p, expiresAt) {
      if (now() - config.jwtClockToleranceSec * 1000 >= expiresAt) fail('token_expired', 'Token has expired.');
      if (p.kind === 'staff') await staffSessionLive(staffDeps, p);
      else {
        await visitorExists(p.visitorId);
        // Identified visitors only: their sessions end with a rotation's grace period even while open.
        if (p.identityKey) await visitorStillVouched(p);
      }
    },
    isOriginAllowed: (site, origin) => isOriginAllowed(site.allowedOrigins, origin),
    csrfToken: (p) => (p.kind === 'staff' ? csrf.forSession(p.sessionId) : ''),
    csrfMatches: (p, given) => p.kind === 'staff' && csrf.matches(p.sessionId, given),
    noteActivity: (p) => {
      if (p.kind === 'staff') recordActivity(p.sessionId);
    },
  };
}

export { hashPassword, verifyPassword, generatePassword } from './passwords.ts';
import { setPasswordHashCost } from './passwords.ts';
export { newIdentitySecret } from './secrets.ts';
export { isOriginAllowed as isOriginInList, isValidOriginPattern } from './origin.ts';
export { checkOriginPattern, changeOrigins } from './origin-list.ts';
export { IDENTITY_AUDIENCE } from './identity.ts';
export { toStaffMember } from './staff-session.ts';
