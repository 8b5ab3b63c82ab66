import { useEffect, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { WidgetState } from '../state.ts';
import { Icon } from './icons.tsx';
import { MessageList } from './MessageList.tsx';
import { Composer } from './Composer.tsx';
import { useConversationParts, useEmailParts, useFileParts, usePreChat } from './lazy-parts.ts';
import { preChatFirst } from '../pre-chat-first.ts';

interface Props {
  s: WidgetState;
  ctrl: Controller;
  t: Translate;
  locale: string;
  pos: Record<string, string | number>;
}

/** The open chat: header, connection banner, messages, composer; files can be dropped anywhere on it. */
export function Panel({ s, ctrl, t, locale, pos }: Props) {
  const [dragging, setDragging] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const email = useEmailParts(!!s.site?.email);
  const askFirst = preChatFirst(s);
  const preChat = usePreChat(askFirst);
  const files = useFileParts(s.uploads.length > 0 || s.messages.some((m) => m.attachments.length > 0));
  const listing = s.view === 'list';
  const resolved = !s.startNew && s.current?.status === 'resolved';
  const convs = useConversationParts(listing || resolved);

  useEffect(() => {
    // Focus moves into the panel when it opens: the first field (composer or email), else the panel.
    const el = panel.current;
    const field = el?.querySelector<HTMLElement>('textarea,input:not([type=file])');
    (field || el)?.focus();
  }, []);

  const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.prototype.includes.call(e.dataTransfer.types, 'Files');
  const name = s.site?.name || '';
  return (
    <section
      ref={panel}
      class="panel"
      style={pos}
      role="dialog"
      aria-label={t('chatWith', { site: name })}
      tabIndex={-1}
      data-testid="parley-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          ctrl.close();
        }
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.relatedTarget || !panel.current?.contains(e.relatedTarget as Node)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        ctrl.uploads.add(e.dataTransfer!.files);
      }}
    >
      {files && <files.FileStyle />}
      {convs && <convs.PartStyle />}
      <Header s={s} t={t} onClose={ctrl.close} onList={ctrl.showList} />
      <Banner s={s} t={t} onReconnect={ctrl.reconnect} />
      {listing ? (
        convs && <convs.ConversationList s={s} ctrl={ctrl} locale={locale} />
      ) : (
        <>
          <MessageList s={s} ctrl={ctrl} t={t} locale={locale} />
          {email && <email.EmailExtras s={s} ctrl={ctrl} t={t} locale={locale} />}
          {askFirst ? preChat && <preChat.PreChat ctrl={ctrl} t={t} /> : resolved ? convs && <convs.ResolvedFooter s={s} ctrl={ctrl} locale={locale} /> : <Composer s={s} ctrl={ctrl} t={t} />}
        </>
      )}
      {dragging && <div class="drop">{t('drop')}</div>}
    </section>
  );
}

function Header({ s, t, onClose, onList }: { s: WidgetState; t: Translate; onClose: () => void; onList: () => void }) {
  const name = s.site?.name || '';
  const online = s.availability === 'online';
  const [status, sub] = !s.availability
    ? [s.phase === 'error' ? '' : t('connecting'), '']
    : online
      ? [t('online'), t('onlineSub', { time: s.site?.settings.replyTime || t('fewMinutes') })]
      : [t('away'), t('awaySub')];
  return (
    <header class="head">
      <div class="avatar" aria-hidden="true">
        {name.trim().charAt(0).toUpperCase() || <Icon name="chat" />}
      </div>
      <div class="title">
        <h2 data-testid="parley-site-name">{name}</h2>
        <div class="status" data-testid="parley-availability" data-availability={s.availability || ''}>
          {s.availability && <span class={'dot' + (online ? ' on' : '')} />}
          <span>{status}</span>
        </div>
        {sub && <div class="sub">{sub}</div>}
      </div>
      {s.phase === 'ready' && (
        <button type="button" class="icon-btn" aria-label={t('conversations')} data-testid="parley-list" onClick={onList}>
          <Icon name="list" />
        </button>
      )}
      <button type="button" class="icon-btn" aria-label={t('closeChat')} data-testid="parley-close" onClick={onClose}>
        <Icon name="down" />
      </button>
    </header>
  );
}

/** Says when we are offline (or the server cannot be reached) and offers to reconnect now. */
function Banner({ s, t, onReconnect }: { s: WidgetState; t: Translate; onReconnect: () => void }) {
  const offline = s.phase === 'error' || (s.phase === 'ready' && (s.connection === 'waiting' || s.connection === 'failed'));
  if (!offline) return null;
  const rejected = s.phase === 'error' && s.error === t('rejected');
  return (
    <div class="banner" role="status" data-testid="parley-offline">
      <span>{s.phase === 'error' ? s.error : t('offline')}</span>
      {!rejected && (
        <button type="button" data-testid="parley-reconnect" aria-label={t('reconnect')} onClick={onReconnect}>
          {t('reconnect')}
        </button>
      )}
    </div>
  );
}
