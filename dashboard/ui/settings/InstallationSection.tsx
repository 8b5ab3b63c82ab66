import { useEffect, useState } from 'preact/hooks';
import type { InstallationResponse } from '../../../protocol/index.ts';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { useStore } from '../use-store.ts';
import { CopyBlock } from './CopyBlock.tsx';
import type { SectionProps, SettingsSection } from './section.ts';

/** What to paste where, and whether the widget has been seen running (and on which origins). */
function InstallationSection({ ws, api, siteId }: SectionProps) {
  const site = useStore(ws.stores.site);
  const [info, setInfo] = useState<InstallationResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    try {
      setInfo(await api.installation(siteId));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(), [siteId]);

  if (error && !info) return <p class="form-error" role="alert">{error}</p>;
  if (!info) return <p class="muted">{t('common.loading')}</p>;
  return (
    <div class="settings-form">
      <p class="muted">{t('install.intro')}</p>
      <CopyBlock label={t('install.snippet')} code={info.snippet} testId="install-snippet" />
      <CopyBlock label={t('install.esm')} code={info.esmSnippet} testId="install-esm" />
      <p class="small">
        {t('install.siteKey')}: <code data-testid="install-site-key">{site.key}</code>
      </p>
      <h3>{t('install.check')}</h3>
      {info.sightings.length === 0 ? (
        <p class="settings-note" data-testid="install-never">{t('install.never')}</p>
      ) : (
        <ul class="sightings" data-testid="install-sightings">
          {info.sightings.map((s) => (
            <li key={s.origin}>
              {t('install.seen', { origin: s.origin, when: dateTime(s.lastSeenAt) })}
            </li>
          ))}
        </ul>
      )}
      <div>
        <button type="button" class="btn btn-secondary btn-sm" onClick={load} disabled={busy} data-testid="install-refresh">
          {t('install.refresh')}
        </button>
      </div>
    </div>
  );
}

export const installationSection: SettingsSection = { id: 'installation', title: 'settings.installation', adminOnly: true, Component: InstallationSection };
