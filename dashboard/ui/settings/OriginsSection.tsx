import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { TrashIcon } from '../icons.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';

/**
 * The pages allowed to run the widget. The server checks each entry with the CLI's rules
 * (server/auth/origin-list.ts) and stores it in canonical spelling; its sentence is shown as is.
 */
function OriginsSection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [origin, setOrigin] = useState('');
  const { busy, status, run } = useAction();

  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!site) return <p class="muted">{t('common.loading')}</p>;

  const add = (e: Event) => {
    e.preventDefault();
    if (!origin.trim()) return;
    void run(async () => {
      set((await api.addOrigin(siteId, origin.trim())).site);
      setOrigin('');
    });
  };
  const remove = (o: string) => void run(async () => set((await api.removeOrigin(siteId, o)).site));

  return (
    <div class="settings-form">
      <p class="muted">{t('origins.intro')}</p>
      {site.allowedOrigins.includes('*') && <p class="settings-warn" role="note">{t('origins.any')}</p>}
      {site.allowedOrigins.length === 0 ? (
        <p class="settings-note" data-testid="origins-empty">{t('origins.empty')}</p>
      ) : (
        <ul class="origin-list" data-testid="origins-list">
          {site.allowedOrigins.map((o) => (
            <li key={o} data-origin={o}>
              <code>{o}</code>
              <button type="button" class="icon-btn icon-btn-sm" onClick={() => remove(o)} disabled={busy} aria-label={t('origins.remove', { origin: o })} title={t('origins.remove', { origin: o })} data-testid="origin-remove">
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add} noValidate>
        <label class="field grow">
          <span>{t('origins.new')}</span>
          <input value={origin} placeholder="https://shop.example" maxLength={300} onInput={(e) => setOrigin(e.currentTarget.value)} data-testid="origin-input" />
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy || !origin.trim()} data-testid="origin-add">
          {t('origins.add')}
        </button>
      </form>
      <ActionStatusText status={status} testId="origins-error" />
    </div>
  );
}

export const originsSection: SettingsSection = { id: 'origins', title: 'settings.origins', adminOnly: true, Component: OriginsSection };
