import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { ConfirmAction } from '../ConfirmAction.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';
import { ErasureRequestList } from './ErasureRequestList.tsx';

type LookupKind = 'email' | 'visitorId' | 'userId';

/**
 * Privacy (issue 20): consent mode, tombstones for erased visitors, retention in days; the erasure
 * requests visitors made from the widget (ErasureRequestList.tsx); and one person's request: find them by email, visitor id or the site's user id, export everything (a tar of
 * export.json and their files) or erase it, after a confirmation.
 */
function PrivacySection({ ws, api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [consent, setConsent] = useState<boolean | null>(null);
  const [tombstone, setTombstone] = useState<boolean | null>(null);
  const [days, setDays] = useState<string | null>(null);
  const [kind, setKind] = useState<LookupKind>('email');
  const [who, setWho] = useState('');
  const { busy, status, run } = useAction();
  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!site) return <p class="muted">{t('common.loading')}</p>;
  const s = site.settings;

  const save = (e: Event) => {
    e.preventDefault();
    const n = (days ?? String(s.retentionDays ?? '')).trim();
    void run(async () => {
      const settings = { ...s, requireConsent: consent ?? s.requireConsent === true, erasureTombstone: tombstone ?? s.erasureTombstone === true };
      if (n) settings.retentionDays = Number(n);
      else delete settings.retentionDays;
      set((await api.updateSite(siteId, { settings })).site);
    }, t('privacy.saved'));
  };
  const lookup = () => ({ [kind]: who.trim() });
  const exportIt = () =>
    run(
      async () => {
        const { blob, name } = await api.privacyExport(lookup());
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
        return name;
      },
      (file) => t('privacy.exported', { file }),
    );
  const eraseIt = () =>
    run(
      async () => {
        const { erased } = await api.privacyErase(lookup());
        setWho('');
        return erased;
      },
      (erased) => t('privacy.erased', { visitors: erased.visitors, conversations: erased.conversations, files: erased.files }),
    );

  return (
    <div class="settings-form">
      <p class="muted">{t('privacy.intro')}</p>
      <form class="settings-form" onSubmit={save}>
        <label class="choice">
          <input type="checkbox" checked={consent ?? s.requireConsent === true} onChange={(e) => setConsent(e.currentTarget.checked)} data-testid="privacy-consent" />
          {t('privacy.consent')}
        </label>
        <small class="muted">{t('privacy.consentHint')}</small>
        <label class="choice">
          <input type="checkbox" checked={tombstone ?? s.erasureTombstone === true} onChange={(e) => setTombstone(e.currentTarget.checked)} data-testid="privacy-tombstone" />
          {t('privacy.tombstone')}
        </label>
        <small class="muted">{t('privacy.tombstoneHint')}</small>
        <label class="field">
          <span>{t('privacy.retention')}</span>
          <input type="number" min={1} max={36500} inputMode="numeric" value={days ?? String(s.retentionDays ?? '')} onInput={(e) => setDays(e.currentTarget.value)} data-testid="privacy-retention" />
          <small class="muted">{t('privacy.retentionDays')}</small>
        </label>
        <div>
          <button type="submit" class="btn" disabled={busy} data-testid="privacy-save">
            {t('privacy.save')}
          </button>
        </div>
      </form>
      <ErasureRequestList ws={ws} api={api} />
      <h3>{t('privacy.requests')}</h3>
      <p class="muted">{t('privacy.requestsHint')}</p>
      <label class="field">
        <span>{t('privacy.by')}</span>
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as LookupKind)} data-testid="privacy-by">
          {(['email', 'visitorId', 'userId'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`privacy.by.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('privacy.who')}</span>
        <input value={who} onInput={(e) => setWho(e.currentTarget.value)} data-testid="privacy-who" />
      </label>
      <div class="settings-actions">
        <button type="button" class="btn btn-secondary" disabled={busy || !who.trim()} onClick={() => void exportIt()} data-testid="privacy-export">
          {t('privacy.export')}
        </button>{' '}
        <ConfirmAction
          class="btn btn-danger"
          disabled={busy || !who.trim()}
          question={t('privacy.eraseConfirm')}
          confirmLabel={t('privacy.eraseYes')}
          onConfirm={() => void eraseIt()}
          testId="privacy-erase"
        >
          {t('privacy.erase')}
        </ConfirmAction>
      </div>
      <ActionStatusText status={status} testId="privacy-status" />
    </div>
  );
}

export const privacySection: SettingsSection = { id: 'privacy', title: 'settings.privacy', adminOnly: true, Component: PrivacySection };
