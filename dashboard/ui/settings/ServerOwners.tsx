import { useEffect, useState } from 'preact/hooks';
import type { DashboardApi } from '../../api.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';

/**
 * Who may create sites (server owners only see this): add an owner by the email of a member of any site,
 * remove one (never the last: the server says so). Handing it over is adding someone, then removing
 * yourself; `onChanged` lets the Sites section hide what a former owner may no longer do.
 */
export function ServerOwners({ api, myEmail, onChanged }: { api: DashboardApi; myEmail: string; onChanged: () => void }) {
  const [owners, setOwners] = useState<{ owners: string[]; fromConfig: boolean } | null>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void api.serverOwners().then(setOwners, (err) => setError(errorText(err))), [api]);
  const change = async (run: () => Promise<{ owners: string[]; fromConfig: boolean }>, leaving = false) => {
    setBusy(true);
    setError(null);
    try {
      setOwners(await run());
      setEmail('');
      if (leaving) onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const me = myEmail.toLowerCase();
  return (
    <section class="settings-form" data-testid="server-owners" aria-label={t('sites.owners')}>
      <h3>{t('sites.owners')}</h3>
      <p class="muted">{t(owners?.fromConfig ? 'sites.ownersFromConfig' : 'sites.ownersHint')}</p>
      {owners && (
        <ul class="site-list">
          {owners.owners.map((o) => (
            <li key={o} data-testid="server-owner">
              <span class="site-name">{o}</span>
              {o === me && <span class="settings-note">{t('sites.ownerYou')}</span>}
              {!owners.fromConfig && owners.owners.length > 1 && (
                <button type="button" class="btn btn-sm" disabled={busy} onClick={() => void change(() => api.removeServerOwner(o), o === me)} data-testid="server-owner-remove">
                  {t('sites.ownerRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {owners && !owners.fromConfig && (
        <form
          class="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (email.trim()) void change(() => api.addServerOwner(email.trim()));
          }}
        >
          <label class="field">
            <span>{t('sites.ownerEmail')}</span>
            <input type="email" value={email} maxLength={320} onInput={(e) => (setEmail(e.currentTarget.value), setError(null))} data-testid="server-owner-email" />
          </label>
          <button class="btn btn-secondary" type="submit" disabled={busy || !email.trim()} data-testid="server-owner-add">
            {t('sites.ownerAdd')}
          </button>
        </form>
      )}
      {error && (
        <p class="form-error" role="alert" data-testid="server-owners-error">
          {error}
        </p>
      )}
    </section>
  );
}
