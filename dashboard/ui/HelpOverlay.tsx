import { useEffect, useRef } from 'preact/hooks';
import { SHORTCUTS } from '../state/shortcuts.ts';

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
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" class="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close keyboard shortcuts">
            Close
          </button>
        </div>
        <table class="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span class="muted"> or </span>}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Enter</kbd>
              </td>
              <td>Send (in the reply box); Shift+Enter adds a line</td>
            </tr>
            <tr>
              <td>
                <kbd>/</kbd>
              </td>
              <td>Canned responses (in the reply box)</td>
            </tr>
          </tbody>
        </table>
        <p class="muted small">Shortcuts are off while you type in a field.</p>
      </div>
    </div>
  );
}
