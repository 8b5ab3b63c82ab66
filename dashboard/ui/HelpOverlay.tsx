import { useEffect, useRef } from 'preact/hooks';
import { SHORTCUTS } from '../state/shortcuts.ts';
import { t } from '../i18n/index.ts';

/** The keyboard shortcut sheet (`?`). A modal dialog: focus moves in, Esc or the button closes. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
        <div class="dialog-head">
          <h2 id="help-title">{t('help.title')}</h2>
          <button ref={close} type="button" class="btn btn-ghost btn-sm" onClick={onClose} aria-label={t('help.close')}>
            {t('common.close')}
          </button>
        </div>
        <table class="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span class="muted"> {t('help.or')} </span>}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{t(`shortcut.${s.action}`)}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Enter</kbd>
              </td>
              <td>{t('help.send')}</td>
            </tr>
            <tr>
              <td>
                <kbd>/</kbd>
              </td>
              <td>{t('help.canned')}</td>
            </tr>
          </tbody>
        </table>
        <p class="muted small">{t('help.off')}</p>
      </div>
    </div>
  );
}
