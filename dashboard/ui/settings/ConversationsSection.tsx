import { useEffect, useState } from 'preact/hooks';
import type { SiteSettings } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';

/** The longest reopen window the server takes (protocol/schema/admin.ts: a week). */
const MAX_REOPEN_MINUTES = 7 * 24 * 60;

/**
 * What happens around a resolve (issue 13): how long a visitor's message still reopens a resolved
 * conversation rather than starting a new one, and whether the widget asks for a rating. Both are
 * site settings (PATCH /admin/sites/:id); an empty window means the server's default.
 */
function ConversationsSection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [minutes, setMinutes] = useState('');
  const [ratings, setRatings] = useState(true);
  const { busy, status, setStatus, run } = useAction();

  useEffect(() => {
    if (!site) return;
    setMinutes(site.settings.reopenMinutes === undefined ? '' : String(site.settings.reopenMinutes));
    setRatings(site.settings.ratings !== false);
  }, [site]);

  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!site) return <p class="muted">{t('common.loading')}</p>;

  const trimmed = minutes.trim();
  const value = trimmed === '' ? undefined : Number(trimmed);
  const bad = value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= MAX_REOPEN_MINUTES);

  const save = async (e: Event) => {
    e.preventDefault();
    if (bad) return;
    // Settings are saved as a whole: start from the site's (the widget section's fields stay as they are).
    const { reopenMinutes: _r, ratings: _g, ...rest } = site.settings;
    const settings: SiteSettings = { ...rest, ...(value !== undefined ? { reopenMinutes: value } : {}), ...(ratings ? {} : { ratings: false }) };
    await run(async () => set((await api.updateSite(siteId, { settings })).site), t('conversations.saved'));
  };

  return (
    <form class="settings-form" onSubmit={save} data-testid="conversations-form" noValidate>
      <p class="muted">{t('conversations.intro')}</p>
      <label class="field">
        <span>{t('conversations.reopen')}</span>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_REOPEN_MINUTES}
          value={minutes}
          placeholder={t('conversations.reopenDefault')}
          aria-invalid={bad}
          aria-describedby="reopen-hint"
          onInput={(e) => (setMinutes(e.currentTarget.value), setStatus(null))}
          data-testid="conversations-reopen"
        />
        <small id="reopen-hint" class={bad ? 'form-error' : 'muted'} data-testid="conversations-reopen-hint">
          {bad ? t('conversations.reopenInvalid', { max: MAX_REOPEN_MINUTES }) : value === 0 ? t('conversations.reopenNever') : t('conversations.reopenHint')}
        </small>
      </label>
      <label class="choice">
        <input type="checkbox" checked={ratings} onChange={(e) => (setRatings(e.currentTarget.checked), setStatus(null))} data-testid="conversations-ratings" />
        {t('conversations.ratings')}
      </label>
      <small class="muted">{t('conversations.ratingsHint')}</small>
      <ActionStatusText status={status} testId="conversations-status" />
      <button class="btn btn-primary" type="submit" disabled={busy || bad} data-testid="conversations-save">
        {busy ? t('settings.saving') : t('settings.save')}
      </button>
    </form>
  );
}

export const conversationsSection: SettingsSection = { id: 'conversations', title: 'settings.conversations', adminOnly: true, Component: ConversationsSection };
