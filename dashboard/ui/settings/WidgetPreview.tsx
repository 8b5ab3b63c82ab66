import type { SiteSettings } from '../../../protocol/index.ts';
import { translator, type Strings } from '../../../widget/i18n.ts';
import de from '../../../widget/locales/de.ts';
import en from '../../../widget/locales/en.ts';
import { ChatIcon } from '../icons.tsx';

/**
 * A still picture of the widget as visitors will see it with these settings: header in the accent,
 * the greeting, the launcher in its corner with its label, in the widget's own words for the chosen
 * language. Drawn with the dashboard's markup (the real widget would open a visitor session); its
 * proportions follow widget/ui/styles.ts.
 */
/** The widget's catalogues, bundled here (the dashboard is one download; the widget lazy-loads one). */
const WIDGET_STRINGS: Record<string, Strings> = { en, de };

export function WidgetPreview({ name, settings }: { name: string; settings: SiteSettings }) {
  const w = translator(WIDGET_STRINGS[settings.language ?? 'en'] ?? en);
  const left = settings.position === 'bottom-left';
  return (
    <div class={`wp${left ? ' wp-left' : ''}`} style={{ '--wp-accent': settings.color || '#4338ca' }} aria-hidden="true" data-testid="widget-preview">
      <div class="wp-panel">
        <div class="wp-head">
          <strong data-testid="preview-name">{name}</strong>
          <span>{w('onlineSub', { time: settings.replyTime || w('fewMinutes') })}</span>
        </div>
        <div class="wp-body">
          <div class="wp-msg" data-testid="preview-greeting">{settings.greeting || w('greeting')}</div>
        </div>
        <div class="wp-input">{w('placeholder')}</div>
      </div>
      <div class="wp-launcher" data-testid="preview-launcher">
        <ChatIcon size={22} />
        {settings.launcherLabel && <span>{settings.launcherLabel}</span>}
      </div>
    </div>
  );
}
