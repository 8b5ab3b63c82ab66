import { useEffect, useMemo, useState } from 'preact/hooks';
import { safeLocalStorage } from '../../client/index.ts';
import { createApi } from '../api.ts';
import { clearSession, loadSession, saveSession, type Session } from '../app/session.ts';
import { localeStore } from '../i18n/index.ts';
import { Login } from './Login.tsx';
import { useStore } from './use-store.ts';
import { WorkspaceView } from './WorkspaceView.tsx';

/** The session gate: the login form, or the workspace of the signed-in agent. */
export function App() {
  // A new language re-renders every string; the workspace (and its connection) is kept.
  useStore(localeStore);
  const storage = useMemo(() => safeLocalStorage(), []);
  const [session, setSession] = useState<Session | null>(() => loadSession(storage));

  // Another tab logged in or out: follow it, so all of an agent's tabs agree.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key === 'parley.dashboard.session') setSession(loadSession(storage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage]);

  const signIn = (s: Session) => {
    saveSession(storage, s);
    setSession(s);
  };
  const signOut = async (revoke: boolean) => {
    const current = session;
    clearSession(storage);
    setSession(null);
    if (revoke && current) {
      await createApi({ fetch: window.fetch.bind(window), token: () => current.token }).logout().catch(() => {});
    }
  };

  if (!session) return <Login onLogin={signIn} />;
  return <WorkspaceView key={session.token} session={session} storage={storage} onLogout={signOut} />;
}
