import type { KeyValueStorage } from '../../client/api.ts';
import type { SitePublic, StaffMember } from '../../protocol/index.ts';

/**
 * The signed-in staff session kept in localStorage, so every tab of the same agent shares it
 * (the ws hello needs the token; the httpOnly cookie alone cannot be read by script).
 */
export interface Session {
  token: string;
  staff: StaffMember;
  site: SitePublic & { id?: string };
}

export const SESSION_KEY = 'parley.dashboard.session';

export function loadSession(storage: KeyValueStorage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s?.token === 'string' && s.staff?.id ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: KeyValueStorage, s: Session): void {
  storage.setItem(SESSION_KEY, JSON.stringify(s));
}

export function clearSession(storage: KeyValueStorage): void {
  storage.removeItem(SESSION_KEY);
}
