import type { KeyValueStorage } from '../../client/api.ts';
import type { SitePublic, StaffMember } from '../../protocol/index.ts';

/**
 * The signed-in staff session as the dashboard holds it: who and where, and the CSRF token its writes
 * send. The session itself is the httpOnly SameSite=Strict cookie, which script cannot read, so
 * nothing secret is kept in storage: a reload asks the server (GET /staff/me, the cookie decides), and
 * other tabs learn of a login or logout through a marker in localStorage that holds no token.
 */
export interface Session {
  csrfToken: string;
  staff: StaffMember;
  site: SitePublic & { id?: string };
}

export const SESSION_KEY = 'parley.dashboard.session';

export function markSignedIn(storage: KeyValueStorage, staffId: string): void {
  storage.setItem(SESSION_KEY, JSON.stringify({ staffId, at: Date.now() }));
}

export function markSignedOut(storage: KeyValueStorage): void {
  storage.removeItem(SESSION_KEY);
}

/** Earlier versions kept the bearer token in this key: it must not stay readable there. */
export function forgetStoredToken(storage: KeyValueStorage): void {
  try {
    if (storage.getItem(SESSION_KEY)?.includes('"token"')) storage.removeItem(SESSION_KEY);
  } catch {
    /* storage unavailable */
  }
}

/** The session the cookie carries, or null when signed out (or the server cannot say). */
export async function resumeSession(me: () => Promise<Session>): Promise<Session | null> {
  try {
    return await me();
  } catch {
    return null;
  }
}
