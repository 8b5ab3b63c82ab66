import { useEffect, useRef } from 'preact/hooks';
import type { Controller } from '../controller.ts';
import type { ResolvedBootOptions } from '../api.ts';
import type { Translate } from '../i18n.ts';
import { unreadCount } from '../messages.ts';
import { useStore } from './use-store.ts';
import { Launcher } from './Launcher.tsx';
import { Panel } from './Panel.tsx';
import { useHoursParts, usePreview } from './lazy-parts.ts';
import { agentsBusy, closedNow, hideForOffline, queuePlace } from '../reachability.ts';

export interface AppProps {
  ctrl: Controller;
  t: Translate;
  locale: string;
  /** The Intl tag for dates and times (the visitor's own, e.g. en-GB). */
  intl: string;
  /** Right-to-left language: the whole widget is mirrored (dir=rtl and logical CSS properties). */
  rtl: boolean;
  options: ResolvedBootOptions;
  root: ShadowRoot;
}

/** The whole visible widget: the launcher and, when open, the panel. */
export function App({ ctrl, t, locale, intl, rtl, options, root }: AppProps) {
  const s = useStore(ctrl.store);
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(s.open);

  useEffect(() => {
    // Closing returns focus to the launcher if focus was in the widget (never steal it from the page).
    if (wasOpen.current && !s.open) {
      const pageFocus = document.activeElement;
      if (!pageFocus || pageFocus === document.body || (pageFocus === root.host && !root.activeElement)) launcher.current?.focus();
    }
    wasOpen.current = s.open;
  }, [s.open]);

  const settings = s.site?.settings;
  const side = (options.position || settings?.position) === 'bottom-left' ? 'left' : 'right';
  const pos = { [side]: '20px', zIndex: options.zIndex ?? 2147483000 };
  const accent = cssColor(options.color) || cssColor(settings?.color);
  const unread = unreadCount(s.messages, s.visitorReadSeq);
  const showPreview = !!s.preview && !s.open && !s.launcherHidden;
  const preview = usePreview(showPreview);
  // Asked for as soon as the hello says so, even with the panel closed: in by the time the panel shows it.
  const hours = useHoursParts(closedNow(s) || agentsBusy(s) || queuePlace(s) !== undefined);

  return (
    <div
      class="pw"
      style={accent ? { '--parley-accent': accent } : undefined}
      lang={locale}
      dir={rtl ? 'rtl' : 'ltr'}
      data-testid="parley-root"
      data-connection={s.phase === 'error' ? 'error' : s.connection}
    >
      {s.open && <Panel s={s} ctrl={ctrl} t={t} locale={locale} intl={intl} pos={pos} hours={hours} />}
      {preview && showPreview && <preview.Preview s={s} ctrl={ctrl} locale={locale} pos={pos} />}
      {!s.launcherHidden && !hideForOffline(s) && (
        <Launcher
          btnRef={launcher}
          open={s.open}
          unread={unread}
          connecting={(s.phase === 'error' && s.problem === 'unreachable') || (s.phase === 'ready' && s.troubled)}
          t={t}
          pos={pos}
          label={settings?.launcherLabel}
          onClick={ctrl.toggle}
        />
      )}
    </div>
  );
}

/** Only values the browser accepts as a color reach the style (no CSS injection through settings). */
function cssColor(c: string | undefined): string | undefined {
  if (!c || typeof c !== 'string') return undefined;
  try {
    return CSS.supports('color', c) ? c : undefined;
  } catch {
    return undefined;
  }
}
