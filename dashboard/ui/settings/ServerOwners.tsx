import { useEffect, useState } from 'preact/hooks';
import type { DashboardApi } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ConfirmAction } from '../ConfirmAction.tsx';
import { ActionStatusText, useAction } from '../use-action.tsx';

/**
 * Who may create sites (server owners only see this): add an owner by the email of a member of any site,
 * remove one (never the last: the server says so). Handing it over is adding someone, then removing
 * yourself; `onChanged` lets the Sites section hide what a former owner may no longer do. Removing
 * asks in place (ConfirmAction): yourself, because only another owner can make you one again; anyone
 * else too, as removing a team member does, since it takes a power away at once and the list's one
 * button should not act differently by row (the question says which case it is).
 */
export function ServerOwners({ api, myEmail, onChanged }: { api: DashboardApi; myEmail: string; onChanged: () => void }) {
  const [owners, setOwners] = useState<{ owners: string[]; fromConfig: boolean } | null>(null);
  const [email, setEmail] = useState('');
  const { busy, status, setStatus, run } = useAction();
  // Reading the list goes through the same outcome line: a refusal shows there, with its code.
  useEffect(() => void run(async () => setOwners(await api.serverOwners())), [api]);
  const change = (work: () => Promise<{ owners: string[]; fromConfig: boolean }>, leaving = false) =>
    void run(async () => {
      setOwners(await work());
      setEmail('');
      if (leaving) onChanged();
    });
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
                <ConfirmAction
                  class="btn btn-sm"
                  disabled={busy}
                  question={o === me ? t('sites.ownerRemoveSelfQuestion') : t('sites.ownerRemoveQuestion', { email: o })}
                  confirmLabel={t('sites.ownerRemove')}
                  onConfirm={() => change(() => api.removeServerOwner(o), o === me)}
                  testId="server-owner-remove"
                >
                  {t('sites.ownerRemove')}
                </ConfirmAction>
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
            if (email.trim()) change(() => api.addServerOwner(email.trim()));
          }}
        >
          <label class="field">
            <span>{t('sites.ownerEmail')}</span>
            <input type="email" value={email} maxLength={320} onInput={(e) => (setEmail(e.currentTarget.value), setStatus(null))} data-testid="server-owner-email" />
          </label>
          <button class="btn btn-secondary" type="submit" disabled={busy || !email.trim()} data-testid="server-owner-add">
            {t('sites.ownerAdd')}
          </button>
        </form>
      )}
      <ActionStatusText status={status} testId="server-owners-error" />
    </section>
  );
}
