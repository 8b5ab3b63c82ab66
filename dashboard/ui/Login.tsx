import { useState } from 'preact/hooks';
import { createApi } from '../api.ts';
import type { Session } from '../app/session.ts';
import { t } from '../i18n/index.ts';
import { errorText } from '../i18n/error-text.ts';
import { ChatIcon } from './icons.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';

export function Login({ onLogin }: { onLogin: (s: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const api = createApi({ fetch: window.fetch.bind(window) });
      const r = await api.login(email.trim(), password);
      onLogin({ csrfToken: r.csrfToken, staff: r.staff, site: r.site });
    } catch (err) {
      const code = (err as { code?: string }).code;
      // A deactivated account is told so in the server's words (after the right password only).
      setError(code === 'invalid_credentials' || code === 'unauthorized' ? t('login.wrong') : code === 'forbidden' ? (err as Error).message : errorText(err));
      setBusy(false);
    }
  };

  return (
    <main class="login" aria-labelledby="login-title">
      <form class="login-card" onSubmit={submit} data-testid="login-form" noValidate>
        <div class="login-brand">
          <span class="brand-mark"><ChatIcon size={22} /></span>
          <span>Parley</span>
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <label class="field">
          <span>{t('login.email')}</span>
          <input type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} data-testid="login-email" aria-label={t('login.email')} />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} data-testid="login-password" aria-label={t('login.password')} />
        </label>
        {error && (
          <p class="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <LanguageSelect />
    </main>
  );
}
