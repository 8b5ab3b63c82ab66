import type { StaffLoginResponse, StaffMember } from '../../protocol/index.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { StaffRecord, Store } from '../store/store.ts';
import { newId } from '../store/ids.ts';
import type { LoginGuard } from './login-guard.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import type { TokenService } from './tokens.ts';

/**
 * Staff sessions: login checks email + password and records a session row; the token names that row
 * (`sid`), so logout (revoking the row) ends the token at once even though the JWT has not expired.
 */
export interface StaffSessionDeps {
  store: Store;
  tokens: TokenService;
  sessionTtlSec: number;
  now: () => number;
  /** Whether the server sends email (SitePublic.email): the dashboard then offers "send transcript". */
  emailEnabled: boolean;
  /** A session unused this long has ended (PARLEY_STAFF_IDLE_TIMEOUT); 0: never. */
  idleTimeoutSec: number;
  /** Per-account attempt limit and failure log (login-guard.ts). */
  guard?: LoginGuard;
}

/** A session just opened: the login answer without its CSRF token (index.ts adds it), the token and the session row's id. */
export type StartedStaffSession = Omit<StaffLoginResponse, 'csrfToken'> & { token: string; sessionId: string };

const MAX_EMAIL = 320;
const MAX_PASSWORD = 1024;

/**
 * Login by email: one email is one person, so exactly one hash is checked whatever the case (unknown
 * email, invited member without a password, wrong password, an email on several sites), and every
 * answer takes the time of one scrypt at today's parameters. A hash made with older parameters is
 * replaced after a successful login. Someone on several sites lands on their first membership and
 * switches from the dashboard.
 */
export async function staffLogin(deps: StaffSessionDeps, email: string, password: string, requestIp?: string): Promise<StartedStaffSession> {
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
    fail('bad_request', 'email and password are required.');
  }
  const address = email.trim().toLowerCase();
  if (address.length > MAX_EMAIL || password.length > MAX_PASSWORD) fail('invalid_credentials', 'Wrong email or password.');
  await deps.guard?.attempt(address, requestIp);
  const memberships = await deps.store.findStaffByEmail(address);
  const first = memberships[0];
  // Unknown, or invited and never set a password: a decoy of the same cost (no enumeration by timing).
  const hash = first && first.passwordHash !== '' ? first.passwordHash : await decoyHash();
  const ok = (await verifyPassword(password, hash)) && first !== undefined && first.passwordHash !== '';
  if (!ok) {
    deps.guard?.failed(address, first ? 'wrong password' : 'unknown email', requestIp);
    return fail('invalid_credentials', 'Wrong email or password.');
  }
  if (needsRehash(first.passwordHash)) await deps.store.setPasswordHashForEmail(address, await hashPassword(password));
  const staff = memberships.find((m) => m.deactivatedAt === null);
  if (!staff) {
    deps.guard?.failed(address, 'deactivated', requestIp);
    return fail('forbidden', 'This account is deactivated; ask an admin of your site.');
  }
  return startStaffSession(deps, staff);
}

/** A new session for a member whose credentials were checked (a login, or a password link just used). */
export async function startStaffSession(deps: StaffSessionDeps, staff: StaffRecord): Promise<StartedStaffSession> {
  const site = await deps.store.getSite(staff.siteId);
  if (!site) return fail('invalid_credentials', 'Wrong email or password.');

  const sessionId = newId('ses');
  const expiresAt = deps.now() + deps.sessionTtlSec * 1000;
  await deps.store.createStaffSession({ id: sessionId, staffId: staff.id, expiresAt });
  await deps.store.touchStaffSession(sessionId, deps.now());
  const token = await deps.tokens.signStaff(staff.siteId, staff.id, sessionId, expiresAt);
  return {
    token,
    sessionId,
    expiresAt: Math.floor(expiresAt / 1000) * 1000,
    staff: toStaffMember(staff),
    site: { id: site.id, key: site.key, name: site.name, settings: site.settings, email: deps.emailEnabled },
  };
}

export async function staffLogout(deps: StaffSessionDeps, p: Principal): Promise<void> {
  if (p.kind !== 'staff') fail('forbidden', 'Only staff sessions can log out.');
  else await deps.store.revokeStaffSession(p.sessionId);
}

/** The staff principal of a verified token, after checking its session row is live and the staff member exists. */
export async function staffPrincipal(
  deps: StaffSessionDeps,
  claims: { siteId: string; staffId: string; sessionId: string },
): Promise<Principal> {
  const session = await deps.store.getStaffSession(claims.sessionId, deps.now());
  if (!session || session.staffId !== claims.staffId) return fail('unauthorized', 'This session has ended; log in again.');
  await checkNotIdle(deps, session.id);
  const staff = await deps.store.getStaff(claims.staffId);
  if (!staff || staff.siteId !== claims.siteId || staff.deactivatedAt !== null) return fail('unauthorized', 'This session has ended; log in again.');
  return { kind: 'staff', siteId: staff.siteId, staffId: staff.id, role: staff.role, sessionId: session.id };
}

/** The cheap part of staffPrincipal, for a principal already built: is its session row still live? */
export async function staffSessionLive(deps: StaffSessionDeps, p: { staffId: string; sessionId: string }): Promise<void> {
  const session = await deps.store.getStaffSession(p.sessionId, deps.now());
  if (!session || session.staffId !== p.staffId) fail('unauthorized', 'This session has ended; log in again.');
  await checkNotIdle(deps, p.sessionId);
}

/** The idle timeout: a session nobody used for idleTimeoutSec has ended, whatever its expiry. */
async function checkNotIdle(deps: StaffSessionDeps, sessionId: string): Promise<void> {
  if (deps.idleTimeoutSec <= 0) return;
  const lastSeen = await deps.store.staffSessionLastSeen(sessionId);
  if (lastSeen !== null && deps.now() - lastSeen > deps.idleTimeoutSec * 1000) {
    fail('unauthorized', `Signed out after ${Math.round(deps.idleTimeoutSec / 60)} minutes without activity; log in again.`);
  }
}

/**
 * Records that a staff session was used, at most once per `every` ms per session (one write a minute,
 * not one per request); the idle timeout is then exact to that much.
 */
export function createActivityRecorder(deps: Pick<StaffSessionDeps, 'store' | 'now' | 'idleTimeoutSec'>) {
  const every = Math.min(60_000, (deps.idleTimeoutSec * 1000) / 4);
  const recorded = new Map<string, number>();
  return (sessionId: string): void => {
    if (deps.idleTimeoutSec <= 0) return;
    const t = deps.now();
    if (t - (recorded.get(sessionId) ?? -Infinity) < every) return;
    if (recorded.size >= 10_000) recorded.clear(); // bounded; a cleared session only writes once more
    recorded.set(sessionId, t);
    deps.store.touchStaffSession(sessionId, t).catch(() => recorded.delete(sessionId));
  };
}

export function toStaffMember(s: StaffRecord): StaffMember {
  const status = s.deactivatedAt !== null ? 'deactivated' : s.passwordHash === '' ? 'invited' : 'active';
  return { id: s.id, siteId: s.siteId, email: s.email, name: s.name, role: s.role, availability: s.availability, status };
}
