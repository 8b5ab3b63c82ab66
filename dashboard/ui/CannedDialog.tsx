import { useEffect, useRef, useState } from 'preact/hooks';
import type { Workspace } from '../app/workspace.ts';
import { TrashIcon } from './icons.tsx';
import { useStore } from './use-store.ts';
import { rich, t } from '../i18n/index.ts';
import { ActionStatusText, useAction } from './use-action.tsx';

/**
 * Settings for canned responses (the `/shortcut` replies in the composer): list, add, delete, for
 * the whole site. A modal dialog: focus moves in and is kept inside, Esc or Close leaves, and keys
 * typed here never reach the inbox shortcuts.
 */
export function CannedDialog({ ws, onClose }: { ws: Workspace; onClose: () => void }) {
  const items = useStore(ws.stores.canned);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const { busy, status, setStatus, run } = useAction();
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    first.current?.focus();
    return () => previous?.focus?.();
  }, []);

  // Esc closes wherever focus is (a clicked button may have lost it to the page), and no key reaches
  // the inbox behind a modal dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else if (!dialog.current?.contains(e.target as Node)) e.stopPropagation();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  const add = async (e: Event) => {
    e.preventDefault();
    const s = shortcut.trim().replace(/^\//, '');
    // Caught here, before the server: no code of the server's.
    if (!s || !text.trim()) return setStatus({ ok: false, text: t('canned.needBoth') });
    if (await run(() => ws.createCanned(s, text.trim()), t('canned.added', { shortcut: s }))) {
      setShortcut('');
      setText('');
      first.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation(); // the inbox shortcuts (j, k, e, ?) must not fire while typing here
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, input, textarea')].filter((el) => !(el as HTMLButtonElement).disabled);
    const [head, tail] = [focusable[0], focusable[focusable.length - 1]];
    if (e.shiftKey && document.activeElement === head) {
      e.preventDefault();
      tail?.focus();
    } else if (!e.shiftKey && document.activeElement === tail) {
      e.preventDefault();
      head?.focus();
    }
  };

  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} class="dialog canned-dialog" role="dialog" aria-modal="true" aria-labelledby="canned-title" data-testid="canned-dialog" onKeyDown={onKeyDown}>
        <div class="dialog-head">
          <h2 id="canned-title">{t('canned.title')}</h2>
          <button type="button" class="btn btn-ghost btn-sm" onClick={onClose} aria-label={t('canned.close')}>
            {t('common.close')}
          </button>
        </div>
        <p class="muted small">{rich(t('canned.help'), { slash: <kbd>/</kbd> })}</p>
        {items.length === 0 ? (
          <p class="muted" data-testid="canned-empty">
            {t('canned.empty')}
          </p>
        ) : (
          <ul class="canned-list" aria-label={t('canned.title')}>
            {items.map((c) => (
              <li key={c.id} class="canned-item" data-testid="canned-item" data-id={c.id}>
                <div>
                  <div class="canned-shortcut">/{c.shortcut}</div>
                  <div class="canned-text">{c.text}</div>
                </div>
                <button
                  type="button"
                  class="icon-btn"
                  disabled={busy}
                  onClick={() => void run(() => ws.deleteCanned(c.id), t('canned.deletedNotice', { shortcut: c.shortcut }))}
                  aria-label={t('canned.deleteLabel', { shortcut: c.shortcut })}
                  title={t('common.delete')}
                  data-testid="canned-delete"
                >
                  <TrashIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="canned-form" onSubmit={add} data-testid="canned-form">
          <label class="field">
            {t('canned.shortcut')}
            <input ref={first} value={shortcut} maxLength={64} placeholder={t('canned.shortcutExample')} onInput={(e) => setShortcut(e.currentTarget.value)} data-testid="canned-shortcut" />
          </label>
          <label class="field">
            {t('canned.text')}
            <textarea value={text} maxLength={10_000} onInput={(e) => setText(e.currentTarget.value)} data-testid="canned-text" />
          </label>
          <ActionStatusText status={status} testId="canned-status" />
          <div>
            <button type="submit" class="btn btn-primary btn-sm" disabled={busy} data-testid="canned-add">
              {t('canned.add')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
