import { useEffect, useMemo, useState } from 'preact/hooks';
import { safeLocalStorage } from '../../client/index.ts';
import { createApi } from '../api.ts';
import { forgetStoredToken, markSignedIn, markSignedOut, resumeSession, SESSION_KEY, type Session } from '../app/session.ts';
import { localeStore } from '../i18n/index.ts';
import { Login } from './Login.tsx';
import { PasswordLinkPage } from './PasswordLinkPage.tsx';
import { useStore } from './use-store.ts';
import { WorkspaceView } from './WorkspaceView.tsx';

/** The session gate: the login form, or the workspace of the signed-in agent. */
export function App() {
  // A new language re-renders every string; the workspace (and its connection) is kept.
  useStore(localeStore);
  const storage = useMemo(() => safeLocalStorage(), []);
  const api = useMemo(() => createApi({ fetch: window.fetch.bind(window) }), []);
  // undefined while the server is asked whether the cookie still holds a session.
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    forgetStoredToken(storage);
    void resumeSession(api.me).then(setSession);
    // Another tab logged in or out: follow it, so all of an agent's tabs agree.
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === SESSION_KEY) void resumeSession(api.me).then(setSession);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage, api]);

  const signIn = (s: Session) => {
    markSignedIn(storage, s.staff.id);
    setSession(s);
  };
  const signOut = async (revoke: boolean) => {
    const current = session;
    setSession(null);
    // Revoked first, then the other tabs are told: they ask the server, which must already say no.
    if (revoke && current) {
      await createApi({ fetch: window.fetch.bind(window), csrf: () => current.csrfToken }).logout().catch(() => {});
    }
    markSignedOut(storage);
  };

  // A password link (invitation or reset) is for whoever holds it, signed in or not.
  if (location.pathname === '/dashboard/password') return <PasswordLinkPage onDone={signIn} />;
  if (session === undefined) return null;
  if (!session) return <Login onLogin={signIn} />;
  return <WorkspaceView key={session.staff.id + session.csrfToken} session={session} storage={storage} onLogout={signOut} onSwitch={signIn} />;
}
