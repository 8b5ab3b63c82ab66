import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Attachment } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { insertCanned, matchCanned, slashTokenAt, type CannedItem, type SlashToken } from '../state/canned.ts';
import { encodeMentions, insertMention, matchMembers, mentionQueryAt, type Member, type MentionQuery } from '../state/mentions.ts';
import { bytes, rich, t } from '../i18n/index.ts';
import { errorText } from '../i18n/error-text.ts';
import { uploadTooLarge } from '../../client/upload-refusal.ts';
import { ActionStatusText, failure, type ActionStatus } from './use-action.tsx';
import { useDraft } from './use-draft.ts';
import { createTypingThrottle } from '../../client/typing-throttle.ts';
import { CloseIcon, NoteIcon, PaperclipIcon, SendIcon } from './icons.tsx';
import { useStore } from './use-store.ts';

interface Props {
  ws: Workspace;
  conversationId: string;
  disabled: boolean;
}

/**
 * Reply box (keyed by conversation). Enter sends, Shift+Enter is a newline, `/shortcut` opens
 * canned responses (Enter/Tab inserts), the Note toggle makes a private note, attachments upload
 * first and are sent by id. Typing is announced through a throttle.
 */
export function Composer({ ws, conversationId, disabled }: Props) {
  const canned = useStore(ws.stores.canned);
  const staff = useStore(ws.stores.staff);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [picked, setPicked] = useState<Member[]>([]);
  const [text, setText] = useDraft(ws, conversationId);
  const [note, setNote] = useState(false);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  /** What the composer refused or the server refused: a sentence, with the code when there is one. */
  const [error, setError] = useState<ActionStatus | null>(null);
  const [token, setToken] = useState<SlashToken | null>(null);
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const typing = useMemo(
    () =>
      createTypingThrottle({
        send: (t) => ws.sendTyping(t),
        now: () => Date.now(),
        setTimeout: (fn, ms) => window.setTimeout(fn, ms),
        clearTimeout: (h) => window.clearTimeout(h as number),
      }),
    [conversationId],
  );
  useEffect(() => () => typing.stop(), [typing]);

  const matches: CannedItem[] = token ? matchCanned(canned, token.query) : [];
  // @mentions in notes: colleagues (not me) whose name matches what follows the @.
  const members: Member[] = note && mention && !token ? matchMembers(staff.filter((m) => m.id !== ws.me.id && m.status !== 'deactivated'), mention.query) : [];
  const mentionOpen = members.length > 0;
  const popupOpen = matches.length > 0;

  const onInput = (e: Event) => {
    const el = e.currentTarget as HTMLTextAreaElement;
    setText(el.value);
    setToken(slashTokenAt(el.value, el.selectionStart ?? el.value.length));
    setMention(mentionQueryAt(el.value, el.selectionStart ?? el.value.length));
    setActive(0);
    // Notes are for colleagues: the visitor should not see "agent is typing" for them.
    if (!note && el.value.trim()) typing.keystroke();
  };

  const choose = (item: CannedItem) => {
    if (!token) return;
    const next = insertCanned(text, token, item);
    setText(next.text);
    setToken(null);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const pickMember = (m: Member) => {
    if (!mention) return;
    const next = insertMention(text, mention, m);
    // The text and caret change at once, in this handler: a key typed right after the pick lands after
    // the name (a caret moved a frame later would put the next keys before one typed meanwhile).
    const el = area.current;
    if (el) {
      el.value = next.text;
      el.setSelectionRange(next.caret, next.caret);
      el.focus();
    }
    setText(next.text);
    setMention(null);
    setPicked((p) => (p.some((x) => x.id === m.id) ? p : [...p, m]));
  };

  const send = () => {
    const body = text.trim();
    if ((!body && files.length === 0) || uploading > 0 || disabled) return;
    const limit = ws.limits().maxTextLength;
    if (body.length > limit) {
      setError({ ok: false, text: t('composer.tooLong', { max: limit }) });
      return;
    }
    ws.send({ text: note ? encodeMentions(body, picked) : body, note, attachmentIds: files.map((f) => f.id) });
    typing.stop();
    setText('');
    setPicked([]);
    setMention(null);
    setFiles([]);
    setError(null);
    setToken(null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (mentionOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + members.length) % members.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pickMember(members[Math.min(active, members.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (popupOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + matches.length) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(matches[Math.min(active, matches.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setToken(null);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  };

  const upload = async (list: FileList | null) => {
    if (!list) return;
    for (const file of Array.from(list)) {
      // The browser's own check: the code the server would answer, the limit from the hello ack.
      const over = uploadTooLarge(file, ws.limits());
      if (over) {
        setError({ ok: false, code: over.code, text: t('composer.tooLarge', { name: file.name, size: bytes(over.limit) }) });
        continue;
      }
      setUploading((n) => n + 1);
      try {
        const a = await ws.api.upload(file, file.name, conversationId);
        setFiles((f) => [...f, a]);
      } catch (err) {
        // The server's refusal: its sentence and its code (none when it never answered).
        setError(failure(err, t('composer.uploadFailed', { name: file.name, reason: errorText(err) })));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const listId = `canned-${conversationId}`;
  return (
    <div class={`composer${note ? ' is-note' : ''}`} data-testid="composer-box">
      <div class="composer-tabs" role="group" aria-label={t('composer.type')}>
        <button type="button" class={!note ? 'is-active' : ''} aria-pressed={!note} onClick={() => setNote(false)} data-testid="reply-toggle">
          {t('composer.reply')}
        </button>
        <button type="button" class={note ? 'is-active' : ''} aria-pressed={note} onClick={() => setNote(true)} data-testid="note-toggle">
          <NoteIcon size={14} /> {t('composer.note')}
        </button>
        {note && <span class="note-hint">{t('note.label')}</span>}
      </div>
      {popupOpen && (
        <ul class="canned-popup" id={listId} role="listbox" aria-label={t('canned.title')} data-testid="canned-popup">
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${c.id}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
              data-testid="canned-option"
            >
              <span class="canned-shortcut">/{c.shortcut}</span>
              <span class="canned-text">{c.text}</span>
            </li>
          ))}
        </ul>
      )}
      {mentionOpen && (
        <ul class="canned-popup" id={`${listId}-mention`} role="listbox" aria-label={t('mention.list')} data-testid="mention-popup">
          {members.map((m, i) => (
            <li
              key={m.id}
              id={`${listId}-mention-${m.id}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pickMember(m);
              }}
              data-testid="mention-option"
            >
              <span class="canned-shortcut">@{m.name}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        ref={area}
        class="composer-input"
        rows={3}
        value={text}
        placeholder={note ? t('composer.notePlaceholder') : t('composer.placeholder')}
        aria-label={note ? t('composer.noteLabel') : t('composer.replyLabel')}
        aria-autocomplete="list"
        aria-controls={mentionOpen ? `${listId}-mention` : popupOpen ? listId : undefined}
        aria-activedescendant={
          mentionOpen ? `${listId}-mention-${members[Math.min(active, members.length - 1)].id}` : popupOpen ? `${listId}-${matches[Math.min(active, matches.length - 1)].id}` : undefined
        }
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={() => typing.stop()}
        disabled={disabled}
        data-testid="composer"
      />
      {(files.length > 0 || uploading > 0) && (
        <ul class="staged" aria-label={t('composer.staged')}>
          {files.map((f) => (
            <li key={f.id} class="staged-file" data-testid="staged-attachment">
              <span>{f.name}</span>
              <span class="muted">{bytes(f.size)}</span>
              <button type="button" class="icon-btn icon-btn-sm" aria-label={t('composer.remove', { name: f.name })} onClick={() => setFiles((x) => x.filter((y) => y.id !== f.id))}>
                <CloseIcon size={14} />
              </button>
            </li>
          ))}
          {uploading > 0 && <li class="staged-file muted">{t('composer.uploading')}</li>}
        </ul>
      )}
      <ActionStatusText status={error} testId="composer-error" class="composer-error" />
      <div class="composer-bar">
        <input ref={fileInput} type="file" multiple class="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => void upload(e.currentTarget.files)} data-testid="file-input" />
        <button type="button" class="icon-btn" aria-label={t('composer.attach')} title={t('composer.attach')} onClick={() => fileInput.current?.click()} disabled={disabled} data-testid="attach-button">
          <PaperclipIcon />
        </button>
        <span class="composer-hint">
          {rich(t('composer.hint'), { enter: <kbd>Enter</kbd>, shift: <kbd>Shift</kbd>, slash: <kbd>/</kbd> })}
        </span>
        <button type="button" class={`btn ${note ? 'btn-note' : 'btn-primary'}`} onClick={send} disabled={disabled || uploading > 0} data-testid="send-button" aria-label={note ? t('composer.addNote') : t('composer.sendReply')}>
          <SendIcon size={16} /> {note ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </div>
  );
}
