import { useEffect, useState } from 'preact/hooks';
import type { PasswordLinkInfo } from '../../protocol/index.ts';
import { createApi } from '../api.ts';
import type { Session } from '../app/session.ts';
import { errorText } from '../i18n/error-text.ts';
import { t } from '../i18n/index.ts';
import { ChatIcon } from './icons.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';

/**
 * /dashboard/password#<token>: an invited member (or one whose password an admin reset) sets a password
 * and is signed in. The token stays in the fragment, so it never reaches a server log.
 */
/** The server's own sentence for a used, expired or deactivated link (it says what to do). */
const linkError = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === 'not_found' || code === 'forbidden' ? (err as Error).message : errorText(err);
};

export function PasswordLinkPage({ onDone }: { onDone: (s: Session) => void }) {
  const token = location.hash.slice(1);
  const api = createApi({ fetch: window.fetch.bind(window), token: () => null });
  const [info, setInfo] = useState<PasswordLinkInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pw, setPw] = useState({ next: '', again: '' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.passwordLink(token).then(setInfo, (err) => setError(linkError(err)));
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (pw.next !== pw.again) return setError(t('account.mismatch'));
    setBusy(true);
    setError(null);
    try {
      const r = await api.usePasswordLink(token, pw.next);
      history.replaceState(null, '', '/dashboard/');
      onDone({ csrfToken: r.csrfToken, staff: r.staff, site: r.site });
    } catch (err) {
      setError(linkError(err));
      setBusy(false);
    }
  };

  return (
    <main class="login" aria-labelledby="pwlink-title">
      <form class="login-card" onSubmit={submit} data-testid="password-link-form" noValidate>
        <div class="login-brand">
          <span class="brand-mark"><ChatIcon size={22} /></span>
          <span>Parley</span>
        </div>
        <h1 id="pwlink-title">{info ? t(info.purpose === 'invite' ? 'pwlink.welcome' : 'pwlink.reset', { site: info.siteName }) : t('pwlink.title')}</h1>
        {info && <p class="muted" data-testid="password-link-who">{t('pwlink.who', { name: info.name, email: info.email })}</p>}
        {info && (
          <>
            <input type="text" autoComplete="username" value={info.email} hidden readOnly />
            <label class="field">
              <span>{t('account.new')}</span>
              <input type="password" autoComplete="new-password" value={pw.next} onInput={(e) => setPw({ ...pw, next: e.currentTarget.value })} data-testid="password-link-new" />
            </label>
            <label class="field">
              <span>{t('account.again')}</span>
              <input type="password" autoComplete="new-password" value={pw.again} onInput={(e) => setPw({ ...pw, again: e.currentTarget.value })} data-testid="password-link-again" />
            </label>
            <p class="muted small">{t('account.rules')}</p>
          </>
        )}
        {error && (
          <p class="form-error" role="alert" data-testid="password-link-error">
            {error}
          </p>
        )}
        {info && (
          <button class="btn btn-primary btn-block" type="submit" disabled={busy || !pw.next} data-testid="password-link-submit">
            {t('pwlink.submit')}
          </button>
        )}
      </form>
      <LanguageSelect />
    </main>
  );
}
