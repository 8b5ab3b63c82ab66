import { useEffect, useState } from 'preact/hooks';
import { checkAccent, MIN_ACCENT_CONTRAST, preChatEmailMode, WIDGET_LANGUAGES, type PreChatEmailMode, type WidgetLanguage, type SiteSettings } from '../../../protocol/index.ts';
import { languageName, t } from '../../i18n/index.ts';
import type { SectionProps, SettingsSection } from './section.ts';
import { useSite } from './use-site.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { WidgetPreview } from './WidgetPreview.tsx';

const DEFAULT_ACCENT = '#4338ca';

/** How the widget looks and greets visitors; saved changes reach widgets already open (site.updated). */
function WidgetSection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<SiteSettings>({});
  const { busy, status, setStatus, run } = useAction();

  useEffect(() => {
    if (!site) return;
    setName(site.name);
    setDraft({ ...site.settings, preChatEmail: preChatEmailMode(site.settings) });
  }, [site]);

  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!site) return <p class="muted">{t('common.loading')}</p>;

  const change = (patch: Partial<SiteSettings>) => {
    setDraft({ ...draft, ...patch });
    setStatus(null);
  };
  const color = draft.color ?? '';
  const accent = color ? checkAccent(color) : null;
  const colorBad = color !== '' && (!accent || !accent.ok);

  const save = async (e: Event) => {
    e.preventDefault();
    const clean = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '' && v !== undefined)) as SiteSettings;
    await run(async () => set((await api.updateSite(siteId, { name: name.trim(), settings: clean })).site), t('widget.saved'));
  };

  return (
    <div class="settings-split">
      <form class="settings-form" onSubmit={save} data-testid="widget-form" noValidate>
        <p class="muted">{t('widget.intro')}</p>
        <label class="field">
          <span>{t('widget.name')}</span>
          <input value={name} maxLength={200} required onInput={(e) => (setName(e.currentTarget.value), setStatus(null))} data-testid="widget-name" />
        </label>
        <label class="field">
          <span>{t('widget.greeting')}</span>
          <textarea rows={2} maxLength={500} value={draft.greeting ?? ''} placeholder={t('widget.greetingHint')} onInput={(e) => change({ greeting: e.currentTarget.value })} data-testid="widget-greeting" />
        </label>
        <div class="field">
          <span id="accent-label">{t('widget.color')}</span>
          <div class="color-row">
            <input type="color" value={accent?.color ?? DEFAULT_ACCENT} onInput={(e) => change({ color: e.currentTarget.value })} aria-labelledby="accent-label" data-testid="widget-color-picker" />
            <input value={color} placeholder={DEFAULT_ACCENT} maxLength={7} onInput={(e) => change({ color: e.currentTarget.value.trim() })} aria-labelledby="accent-label" aria-describedby="accent-contrast" aria-invalid={colorBad} data-testid="widget-color" />
          </div>
          <p id="accent-contrast" class={`contrast ${colorBad ? 'contrast-bad' : 'contrast-ok'}`} data-testid="widget-contrast" aria-live="polite">
            {!color
              ? t('widget.colorDefault')
              : !accent
                ? t('widget.colorInvalid')
                : accent.ok
                  ? t('widget.contrastOk', { ratio: accent.ratio.toFixed(2) })
                  : t('widget.contrastLow', { ratio: accent.ratio.toFixed(2), min: MIN_ACCENT_CONTRAST })}
            {accent && !accent.ok && (
              <button type="button" class="link-btn" onClick={() => change({ color: accent.suggestion })} data-testid="widget-use-suggestion">
                {t('widget.useSuggestion', { color: accent.suggestion! })}
              </button>
            )}
          </p>
        </div>
        <fieldset class="field">
          <legend>{t('widget.position')}</legend>
          {(['bottom-right', 'bottom-left'] as const).map((p) => (
            <label class="choice" key={p}>
              <input type="radio" name="position" checked={(draft.position ?? 'bottom-right') === p} onChange={() => change({ position: p })} data-testid={`widget-position-${p}`} />
              {t(p === 'bottom-right' ? 'widget.bottomRight' : 'widget.bottomLeft')}
            </label>
          ))}
        </fieldset>
        <label class="field">
          <span>{t('widget.launcherLabel')}</span>
          <input value={draft.launcherLabel ?? ''} maxLength={40} onInput={(e) => change({ launcherLabel: e.currentTarget.value })} data-testid="widget-launcher-label" />
          <small class="muted">{t('widget.launcherLabelHint')}</small>
        </label>
        <label class="field">
          <span>{t('widget.replyTime')}</span>
          <input value={draft.replyTime ?? ''} maxLength={100} placeholder={t('widget.replyTimeHint')} onInput={(e) => change({ replyTime: e.currentTarget.value })} data-testid="widget-reply-time" />
        </label>
        <label class="field">
          <span>{t('widget.language')}</span>
          <select value={draft.language ?? 'en'} onChange={(e) => change({ language: e.currentTarget.value as WidgetLanguage })} data-testid="widget-language">
            {WIDGET_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
          <small class="muted">{t('widget.languageHint')}</small>
        </label>
        <label class="field">
          <span>{t('widget.preChat')}</span>
          <select value={preChatEmailMode(draft)} onChange={(e) => change({ preChatEmail: e.currentTarget.value as PreChatEmailMode })} data-testid="widget-prechat">
            <option value="off">{t('widget.preChatOff')}</option>
            <option value="always">{t('widget.preChatAlways')}</option>
            <option value="offline">{t('widget.preChatOffline')}</option>
          </select>
        </label>
        <ActionStatusText status={status} testId="widget-status" />
        <button class="btn btn-primary" type="submit" disabled={busy || colorBad || !name.trim()} data-testid="widget-save">
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
      </form>
      <div class="settings-preview">
        <h3>{t('widget.preview')}</h3>
        <WidgetPreview name={name || site.name} settings={draft} />
      </div>
    </div>
  );
}

export const widgetSection: SettingsSection = { id: 'widget', title: 'settings.widget', adminOnly: true, Component: WidgetSection };
