import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Workspace } from '../app/workspace.ts';
import type { ConversationState } from '../state/conversation.ts';
import { seenMarkSeq } from '../state/conversation.ts';
import { threadItems } from '../state/timeline.ts';
import { MessageBubble, PendingBubble } from './MessageBubble.tsx';
import { useStore } from './use-store.ts';
import { dayHeading, t } from '../i18n/index.ts';

interface Props {
  ws: Workspace;
  state: ConversationState;
  visitorLabel: string;
}

const NEAR = 80;

/**
 * The thread (keyed by conversation, so each one starts fresh). Opens at the bottom (newest
 * page); scrolling near the top loads the previous page and keeps the same message under the
 * eye; new messages follow the bottom only when the agent was already there.
 */
export function MessageList({ ws, state, visitorLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const outbox = useStore(ws.stores.outbox);
  const atBottom = useRef(true);
  const prevFirst = useRef(0);
  /** The focus (search hit) already scrolled to, so later renders do not pull the view back. */
  const shownFocus = useRef<number | null>(null);
  const before = useRef({ height: 0, top: 0 });
  const pending = outbox.filter((o) => o.conversationId === state.id && !state.messages.some((m) => m.clientId === o.clientId));
  const firstSeq = state.messages[0]?.seq ?? 0;
  const seen = seenMarkSeq(state.messages, state.visitorReadSeq);
  // The hit's message, or the first one after its seq when that seq was not a message.
  const focused = state.focusSeq === null ? null : (state.messages.find((m) => m.seq >= state.focusSeq!)?.seq ?? null);

  // The DOM still shows the previous render here: remember its geometry for anchoring.
  if (ref.current) before.current = { height: ref.current.scrollHeight, top: ref.current.scrollTop };

  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    if (prevFirst.current && firstSeq && firstSeq < prevFirst.current) {
      // Older page prepended: keep the message that was on screen where it was.
      node.scrollTop = node.scrollHeight - before.current.height + before.current.top;
    } else if (atBottom.current) {
      node.scrollTop = node.scrollHeight;
    }
    prevFirst.current = firstSeq;
    // Opened from a search hit: once its message is loaded, bring it into view (once).
    if (focused !== null && shownFocus.current !== focused && state.focusSeq !== null && (firstSeq <= state.focusSeq || !state.hasMore)) {
      const el = node.querySelector<HTMLElement>(`[data-seq="${focused}"]`);
      if (el) {
        shownFocus.current = focused;
        atBottom.current = false;
        el.scrollIntoView({ block: 'center' });
      }
    }
  });

  // If the first page does not fill the pane, keep loading until it does (or history ends).
  // While going back to a search hit the controller does the loading.
  useEffect(() => {
    const node = ref.current;
    if (state.focusSeq !== null && shownFocus.current === null) return;
    if (node && state.hasMore && !state.loadingOlder && node.scrollHeight <= node.clientHeight + NEAR) void ws.loadOlder();
  }, [firstSeq, state.hasMore, state.loadingOlder]);

  const onScroll = () => {
    const node = ref.current;
    if (!node) return;
    atBottom.current = node.scrollHeight - node.scrollTop - node.clientHeight < NEAR;
    const seeking = state.focusSeq !== null && shownFocus.current === null;
    if (node.scrollTop < NEAR && state.hasMore && !state.loadingOlder && !seeking) void ws.loadOlder();
  };

  const items: ComponentChildren[] = [];
  let lastDay = '';
  let prev: (typeof state.messages)[number] | null = null;
  for (const item of threadItems(state.messages, state.timeline, state.hasMore, ws.me.id)) {
    if (item.kind === 'entry') {
      // A system line between messages: who resolved, assigned, snoozed, rated; it also ends a group.
      prev = null;
      items.push(
        <div class="timeline-entry" key={`entry-${item.seq}`} data-testid="timeline-entry" role="note">
          {item.texts.map((text, i) => (
            <span key={i}>{text}</span>
          ))}
        </div>,
      );
      continue;
    }
    const m = item.message;
    const day = new Date(m.createdAt).toDateString();
    // Consecutive messages of one author within a few minutes share a header, as in any chat.
    const grouped =
      prev !== null && day === lastDay && prev.author.kind === m.author.kind && prev.author.id === m.author.id &&
      prev.note === m.note && m.createdAt - prev.createdAt < 5 * 60_000;
    prev = m;
    if (day !== lastDay) {
      lastDay = day;
      items.push(
        <div class="day-sep" key={`day-${m.seq}`} role="separator">
          <span>{dayHeading(m.createdAt)}</span>
        </div>,
      );
    }
    items.push(
      <MessageBubble key={m.id} ws={ws} message={m} visitorLabel={visitorLabel} seen={m.seq === seen} grouped={grouped} focused={m.seq === focused} />,
    );
  }

  return (
    <div class="thread" ref={ref} onScroll={onScroll} data-testid="message-list" tabIndex={0} aria-label={t('thread.label')} role="log">
      {state.hasMore ? (
        <div class="thread-top" role="status">
          {state.loadingOlder ? (
            t('thread.loadingOlder')
          ) : (
            <button type="button" class="link-btn" onClick={() => void ws.loadOlder()} data-testid="load-older">
              {t('thread.loadOlder')}
            </button>
          )}
        </div>
      ) : (
        state.messages.length > 0 && <div class="thread-top thread-start">{t('thread.start')}</div>
      )}
      {items}
      {pending.map((o) => (
        <PendingBubble key={o.clientId} ws={ws} item={o} />
      ))}
      {state.messages.length === 0 && !state.conversation && !state.error && <div class="thread-top">{t('common.loading')}</div>}
    </div>
  );
}
