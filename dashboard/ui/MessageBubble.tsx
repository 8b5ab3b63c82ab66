import type { OutboxItem } from '../../client/api.ts';
import type { Attachment, Message } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { authorLabel } from '../state/format.ts';
import { bytes, dateTime, t, time as clock } from '../i18n/index.ts';
import { FileIcon, NoteIcon, TrashIcon } from './icons.tsx';
import { MessageText } from './NoteText.tsx';
import { ConfirmAction } from './ConfirmAction.tsx';
import { ActionStatusText, useAction } from './use-action.tsx';

interface Props {
  ws: Workspace;
  message: Message;
  visitorLabel: string;
  /** The visitor's read cursor is here: show "Seen". */
  seen: boolean;
  /** Same author as the message above, moments later: no repeated name and time. */
  grouped?: boolean;
  /** The search hit this conversation was opened at: highlighted. */
  focused?: boolean;
}

/** One message. Text is always rendered as text (Preact escapes it); never as HTML. */
export function MessageBubble({ ws, message: m, visitorLabel, seen, grouped = false, focused = false }: Props) {
  const { busy, status, run } = useAction();
  const side = m.author.kind === 'visitor' ? 'in' : 'out';
  const who = authorLabel(m, ws.me.id, visitorLabel);
  const time = clock(m.createdAt);

  // The message turning into "deleted" (live, for everyone) is the confirmation; a refusal shows below.
  const remove = () => void run(() => ws.deleteMessage(m.id));

  return (
    <div
      class={`msg msg-${side}${m.note ? ' msg-note' : ''}${m.deleted ? ' msg-deleted' : ''}${grouped ? ' msg-grouped' : ''}${focused ? ' msg-focused' : ''}`}
      data-focused={focused ? 'true' : undefined}
      data-testid="message"
      data-seq={m.seq}
      data-message-id={m.id}
      data-author={m.author.kind}
      data-note={m.note ? 'true' : 'false'}
      data-deleted={m.deleted ? 'true' : 'false'}
    >
      <div class={grouped ? 'msg-meta sr-only' : 'msg-meta'}>
        <span class="msg-author">{who}</span>
        <time dateTime={new Date(m.createdAt).toISOString()} title={dateTime(m.createdAt)}>
          {time}
        </time>
      </div>
      {/* The bubble and the question its delete asks below it; the delete button sits on the bubble's corner. */}
      <div class="msg-body">
        <div class="msg-bubble">
          {m.note && (
            <div class="note-label" data-testid="note-label">
              <NoteIcon size={14} /> {t('note.label')}
            </div>
          )}
          {m.deleted ? (
            <span class="msg-text deleted-text">{t('msg.deleted')}</span>
          ) : (
            <>
              {m.text && (
                <div class="msg-text">
                  <MessageText text={m.text} note={m.note} myId={ws.me.id} />
                </div>
              )}
              {m.attachments.length > 0 && (
                <ul class="attachments" aria-label={t('msg.attachments')}>
                  {m.attachments.map((a) => (
                    <AttachmentLink key={a.id} ws={ws} a={a} />
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        {!m.deleted && (
          <ConfirmAction class="msg-delete" askClass="confirm" ariaLabel={t('msg.deleteLabel', { who, time })} question={t('msg.confirm')} confirmLabel={t('common.delete')} disabled={busy} onConfirm={remove} testId="delete-message">
            <TrashIcon />
          </ConfirmAction>
        )}
      </div>
      <ActionStatusText status={status} testId="delete-message-status" />
      {seen && (
        <div class="read-mark" data-testid="read-mark">
          {t('msg.seen')}
        </div>
      )}
    </div>
  );
}

function AttachmentLink({ ws, a }: { ws: Workspace; a: Attachment }) {
  const href = ws.api.attachmentUrl(a.url);
  const isImage = a.type.startsWith('image/');
  return (
    <li>
      <a class={`attachment${isImage ? ' attachment-image' : ''}`} href={href} target="_blank" rel="noopener noreferrer" data-testid="attachment">
        {isImage ? <img src={href} alt={a.name} loading="lazy" /> : <FileIcon />}
        <span class="attachment-name">{a.name}</span>
        <span class="attachment-size">{bytes(a.size)}</span>
      </a>
    </li>
  );
}

/** A message still in the outbox: sending, or failed with retry/discard. */
export function PendingBubble({ ws, item }: { ws: Workspace; item: OutboxItem }) {
  const failed = item.status === 'failed';
  return (
    <div class={`msg msg-out msg-pending${item.note ? ' msg-note' : ''}`} data-testid="message-pending" data-client-id={item.clientId} data-status={item.status}>
      <div class="msg-bubble">
        {item.note && (
          <div class="note-label">
            <NoteIcon size={14} /> {t('note.label')}
          </div>
        )}
        <div class="msg-text">
          <MessageText text={item.text} note={item.note === true} myId="" />
        </div>
      </div>
      <div class="pending-state">
        {failed ? (
          <>
            <span class="failed-text" role="alert">
              {item.error ? t('msg.notSentReason', { reason: item.error.message }) : t('msg.notSent')}
            </span>
            <button type="button" class="link-btn" onClick={() => ws.retry(item.clientId)}>
              {t('common.retry')}
            </button>
            <button type="button" class="link-btn" onClick={() => ws.discard(item.clientId)}>
              {t('msg.discard')}
            </button>
          </>
        ) : (
          t('msg.sending')
        )}
      </div>
    </div>
  );
}
