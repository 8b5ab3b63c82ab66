import { useEffect, useState } from 'preact/hooks';
import type { InstallationResponse } from '../../../protocol/index.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { useStore } from '../use-store.ts';
import { CopyBlock } from './CopyBlock.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, useAction } from '../use-action.tsx';

/** What to paste where, and whether the widget has been seen running (and on which origins). */
function InstallationSection({ ws, api, siteId }: SectionProps) {
  const site = useStore(ws.stores.site);
  const [info, setInfo] = useState<InstallationResponse | null>(null);
  const { busy, status, run } = useAction();

  // The sightings as read again are the answer to a refresh: no confirmation line; a refusal shows.
  const load = () => void run(async () => setInfo(await api.installation(siteId)));
  useEffect(load, [siteId]);

  if (!info) return status ? <ActionStatusText status={status} testId="install-status" /> : <p class="muted">{t('common.loading')}</p>;
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
      <ActionStatusText status={status} testId="install-status" />
    </div>
  );
}

export const installationSection: SettingsSection = { id: 'installation', title: 'settings.installation', adminOnly: true, Component: InstallationSection };
