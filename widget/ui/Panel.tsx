import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { WidgetState } from '../state.ts';
import { Icon } from './icons.tsx';
import { replyTimeText } from '../reply-time.ts';
import { agentsBusy, closedNow, isLive, offlineFormFirst, queuePlace } from '../reachability.ts';
import { Intro } from './Intro.tsx';
import { Composer } from './Composer.tsx';
import { useConversationParts, useEmailParts, useFileParts, usePreChat, useThread } from './lazy-parts.ts';
import { preChatEmailFirst, preChatFirst } from '../pre-chat-first.ts';

interface Props {
  s: WidgetState;
  ctrl: Controller;
  t: Translate;
  locale: string;
  intl: string;
  pos: Record<string, string | number>;
  /** Business hours and the queue (a lazy part App asked for when the hello said it is needed); null until in. */
  hours: HoursParts | null;
}

type HoursParts = typeof import('./HoursParts.tsx');

const stopKey = (e: Event) => e.stopPropagation();

/** The open chat: header, connection banner, messages, composer; files can be dropped anywhere on it. */
export function Panel({ s, ctrl, t, locale, intl, pos, hours }: Props) {
  const [dragging, setDragging] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const email = useEmailParts(!!s.site?.email);
  // The pre-chat form asks first when the site wants it, or as the offline form when nobody can answer.
  const offlineForm = offlineFormFirst(s) && s.phase === 'ready';
  const askFirst = preChatFirst(s) || offlineForm;
  // The form asks for the email as the offline form or when the site wants it first; else it is the team choice alone.
  const askEmail = offlineForm || preChatEmailFirst(s);
  const place = queuePlace(s);
  const preChat = usePreChat(askFirst || !!s.emailSaved);
  const files = useFileParts(dragging || s.uploads.length > 0 || s.messages.some((m) => m.attachments.length > 0));
  const listing = s.view === 'list';
  const resolved = !s.startNew && s.current?.status === 'resolved';
  const convs = useConversationParts(listing || resolved);
  const thread = useThread(!!s.conversationId || s.messages.length > 0 || s.outbox.length > 0 || s.hasMore);

  useEffect(() => {
    // Focus moves into the panel when it opens: the first field (composer or email), else the panel. On a
    // touch screen the panel itself: a focused field raises the on-screen keyboard over the thread the
    // visitor opened the chat to read; a tap on the field brings it up when they want to write.
    const el = panel.current;
    const field = matchMedia('(pointer:coarse)').matches ? null : el?.querySelector<HTMLElement>('textarea,input:not([type=file])');
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
      // Keys stay in the widget. Out of the shadow root a host page's shortcuts see <parley-widget> as the
      // target, not a text field, and took the visitor's typing ("/" focusing the site's search, "k" pausing a video).
      onKeyDown={(e) => {
        stopKey(e);
        if (e.key === 'Escape') ctrl.close();
      }}
      onKeyPress={stopKey}
      onKeyUp={stopKey}
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
      <Header s={s} t={t} locale={locale} intl={intl} hours={hours} onClose={ctrl.close} onList={ctrl.showList} elsewhere={thread && <thread.UnreadElsewhere s={s} ctrl={ctrl} />} />
      <Banner s={s} t={t} onReconnect={ctrl.reconnect} />
      {listing ? (
        convs && <convs.ConversationList s={s} ctrl={ctrl} locale={locale} />
      ) : (
        <>
          {thread ? <thread.MessageList s={s} ctrl={ctrl} t={t} locale={locale} intl={intl} /> : <Intro s={s} t={t} />}
          {email && <email.EmailExtras s={s} ctrl={ctrl} t={t} locale={locale} />}
          {s.emailSaved && preChat && <preChat.EmailThanks s={s} />}
          {place !== undefined && hours && <hours.QueuePlace place={place} />}
          {askFirst ? preChat && <preChat.PreChat s={s} ctrl={ctrl} askEmail={askEmail} /> : resolved ? convs && <convs.ResolvedFooter s={s} ctrl={ctrl} locale={locale} /> : <Composer s={s} ctrl={ctrl} t={t} />}
        </>
      )}
      {dragging && files && <files.DropHint />}
    </section>
  );
}

/** `elsewhere`: the badge for unread replies in the visitor's other conversations (lazy, with the thread). */
function Header({ s, t, locale, intl, hours, onClose, onList, elsewhere }: Pick<Props, 's' | 't' | 'locale' | 'intl' | 'hours'> & { onClose: () => void; onList: () => void; elsewhere: ComponentChildren }) {
  const name = s.site?.name || '';
  // Availability is only known over a live connection: until then (and while it is lost) the header
  // says it is connecting, never a stale "We're online".
  const live = isLive(s);
  // Outside business hours nobody answers, whoever is online: the header says when the team is back.
  // Agents there but none free (all busy, or all at capacity): "All agents are busy", never "online".
  // Both lines are the hours part's (no line until it is in, rather than a different one first).
  const closed = closedNow(s);
  const busy = !closed && agentsBusy(s);
  const online = live && !closed && !busy && s.availability === 'online';
  const [status, sub] = !live
    ? [s.phase === 'error' && s.problem !== 'unreachable' ? '' : t('connecting'), '']
    : closed || busy
      ? hours ? hours.headLines(s, t, intl) : ['', '']
      : online
        ? [t('online'), t('onlineSub', { time: replyTimeText(s.replyMinutes, s.site?.settings.replyTime, t, intl) })]
        : [t('away'), t('awaySub')];
  return (
    <header class="head">
      <div class="avatar" aria-hidden="true">
        {name.trim().charAt(0).toUpperCase() || <Icon name="chat" />}
      </div>
      <div class="title">
        <h2 data-testid="parley-site-name">{name}</h2>
        <div class="status" data-testid="parley-availability" data-availability={!live ? '' : closed ? 'closed' : busy ? 'busy' : s.availability}>
          {live && <span class={'dot' + (online ? ' on' : '')} />}
          <span>{status}</span>
        </div>
        {sub && (
          <div class="sub" data-testid="parley-status-sub">
            {sub}
          </div>
        )}
      </div>
      {s.phase === 'ready' && (
        <>
          <button type="button" class="icon-btn" aria-label={t('conversations')} aria-describedby="parley-elsewhere" data-testid="parley-list" onClick={onList}>
            <Icon name="list" />
          </button>
          {elsewhere}
        </>
      )}
      {/* "Minimize", not "Close chat": the launcher (open) is the one that closes, and two controls must not share a name. */}
      <button type="button" class="icon-btn" aria-label={t('minimize')} data-testid="parley-close" onClick={onClose}>
        <Icon name="down" />
      </button>
    </header>
  );
}

/**
 * Says what is wrong with the connection and offers to reconnect now: "You're offline" only when the
 * browser itself has no network; a server that does not answer is "can't reach the server"; a broken
 * embed gets a neutral line (the console tells the site owner what to fix).
 */
function Banner({ s, t, onReconnect }: { s: WidgetState; t: Translate; onReconnect: () => void }) {
  const problem = s.phase === 'error' ? s.problem : s.phase === 'ready' && s.troubled ? 'unreachable' : undefined;
  if (!problem) return null;
  const text = problem === 'embed' ? t('notHere') : problem === 'rejected' ? t('rejected') : s.browserOffline ? t('offline') : t('unreachable');
  return (
    <div class="banner" role="status" data-testid="parley-offline" data-problem={s.browserOffline && problem === 'unreachable' ? 'offline' : problem}>
      <span>{text}</span>
      {problem === 'unreachable' && (
        <button type="button" data-testid="parley-reconnect" aria-label={t('reconnect')} onClick={onReconnect}>
          {t('reconnect')}
        </button>
      )}
    </div>
  );
}
