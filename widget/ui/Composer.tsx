import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { WidgetState } from '../state.ts';
import { Icon } from './icons.tsx';
import { useFileParts, useThread } from './lazy-parts.ts';

interface Props {
  s: WidgetState;
  ctrl: Controller;
  t: Translate;
}

/**
 * Where the visitor writes: Enter sends, Shift+Enter is a new line; typing is reported (throttled by
 * the controller); files come from the picker, a paste, or a drop on the panel.
 */
export function Composer({ s, ctrl, t }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const uploading = s.uploads.some((u) => !u.attachment && !u.error);
  const ready = s.uploads.some((u) => u.attachment);
  const tooLong = text.length > s.limits.maxTextLength;
  const files = useFileParts(s.uploads.length > 0);
  const canSend = (!!text.trim() || ready) && !uploading && !tooLong && s.phase === 'ready';

  useLayoutEffect(() => {
    // Parley('showNewMessage', text): the text waits here, ready to send or edit.
    const draft = ctrl.takeDraft();
    if (draft === undefined) return;
    setText(draft);
    input.current?.focus();
  }, [s.draft]);

  useLayoutEffect(() => {
    // Grow with the text up to the CSS max-height.
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = el.scrollHeight + 2 + 'px';
  }, [text]);

  const submit = () => {
    if (canSend && ctrl.send(text)) setText('');
    input.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {(s.uploads.length > 0 || tooLong) && (
        <div class="chips">
          {tooLong && (
            <div class="chip err" role="alert">
              <span>{t('textTooLong', { n: text.length, max: s.limits.maxTextLength })}</span>
            </div>
          )}
          {files && <files.UploadChips uploads={s.uploads} ctrl={ctrl} />}
        </div>
      )}
      <div class="row">
        <button type="button" class="icon-btn" aria-label={t('attach')} data-testid="parley-attach" onClick={() => picker.current?.click()}>
          <Icon name="clip" />
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          class="sr"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="parley-file-input"
          onChange={(e) => {
            const el = e.currentTarget;
            if (el.files) ctrl.uploads.add(el.files);
            el.value = '';
          }}
        />
        <textarea
          ref={input}
          rows={1}
          value={text}
          placeholder={t('placeholder')}
          aria-label={t('placeholder')}
          data-testid="parley-input"
          onInput={(e) => {
            setText(e.currentTarget.value);
            ctrl.typing();
            useThread.preload();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
          onPaste={(e) => {
            const files = e.clipboardData?.files;
            if (files && files.length) {
              e.preventDefault();
              ctrl.uploads.add(files);
            }
          }}
        />
        <button type="submit" class="icon-btn send" aria-label={t('send')} data-testid="parley-send" disabled={!canSend}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
