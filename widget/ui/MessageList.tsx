import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { WidgetState } from '../state.ts';
import { buildTimeline, threadRows, type MessageGroup } from '../timeline.ts';
import { visitorLines } from '../timeline-lines.ts';
import { partText, type ThreadTranslate } from '../part-strings.ts';
import { loadOlder } from '../older-history.ts';
import { Bubble, Meta } from './Bubble.tsx';
import { Greeting } from './Intro.tsx';
import { Sheet } from './Sheet.tsx';

interface Props {
  s: WidgetState;
  ctrl: Controller;
  t: Translate;
  locale: string;
  /** The Intl tag times are shown in. */
  intl: string;
}

/** The thread's own styles (a lazy chunk: the first open's sheet has only the greeting's bubble). */
const CSS = `.hint{align-self:center;color:var(--muted);font-size:12px}
.group.mine{align-self:flex-end;align-items:flex-end}
.mine .msg{background:var(--parley-accent);color:var(--parley-on-accent)}
.msg.pending{opacity:.7}
.msg.failed{background:var(--soft);color:var(--danger);border:1px solid var(--danger)}
.msg.deleted{font-style:italic;color:var(--muted);background:transparent;border:1px dashed var(--line)}
.msg a{color:inherit;text-decoration:underline}
.meta{display:flex;align-items:center;gap:4px;font-size:11.5px;color:var(--muted);margin:2px 6px 0}
.meta svg{width:14px;height:14px;fill:currentColor}
.meta .read{color:var(--parley-accent)}
.meta button{color:var(--danger);font-weight:650;text-decoration:underline;font-size:11.5px}
.typing{display:flex;align-items:center;gap:8px;color:var(--muted);font-size:12.5px}
.dots{display:inline-flex;gap:3px;padding:10px 12px;border-radius:16px;background:var(--theirs)}
.dots i{width:6px;height:6px;border-radius:50%;background:var(--muted);animation:blink 1.2s infinite}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
.jump{position:absolute;left:50%;transform:translateX(-50%);bottom:84px;background:var(--parley-accent);
color:var(--parley-on-accent);border-radius:16px;padding:6px 12px;font-size:12.5px;box-shadow:0 4px 12px rgba(0,0,0,.18)}`;

/** Distance from the bottom (px) that still counts as "at the newest message". */
const STICK_PX = 48;

/**
 * The conversation, a lazy chunk (lazy-parts.ts useThread). Stays scrolled to the newest message unless the visitor scrolled up (then a
 * "new messages" button appears); scrolling near the top loads older history and keeps the
 * visitor's place when it is prepended.
 */
export function MessageList({ s, ctrl, t, locale, intl }: Props) {
  const th = useMemo(() => partText('thread'), [locale]);
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const prev = useRef({ first: '', last: '', height: 0, top: 0, client: 0 });
  const [unseen, setUnseen] = useState(false);
  const rows = useMemo(
    () =>
      threadRows(
        buildTimeline(s.messages, s.outbox, s.conversationId, s.staffReadSeq, s.visitor?.id),
        // Entries before the oldest loaded message wait for its page, as the messages around them do.
        visitorLines(s.timeline, s.conversationId, s.hasMore && s.messages.length ? s.messages[0].seq : 0, th),
      ),
    [s.messages, s.timeline, s.outbox, s.conversationId, s.staffReadSeq, s.visitor, s.hasMore, th],
  );
  const firstKey = rows[0]?.key || '';
  const last = rows[rows.length - 1];
  const lastKey = !last ? '' : last.group ? last.group.items[last.group.items.length - 1].key : last.key;
  const time = useMemo(() => timeFormatter(intl), [intl]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = prev.current;
    // Where the visitor is now, not as of the last scroll event: that one fires a frame later, and a
    // message arriving in between would otherwise pull a reader who just scrolled up to the bottom.
    // Measured against the list's size then too: the composer growing (a long reply) shrinks the list
    // without a scroll event, and must not count as scrolling up.
    if (p.height > 0) stick.current = p.height - el.scrollTop - p.client < STICK_PX;
    if (p.first && firstKey !== p.first && !stick.current) {
      // Older messages were prepended: keep what the visitor was reading where it was.
      el.scrollTop = p.top + (el.scrollHeight - p.height);
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    } else if (lastKey !== p.last) {
      setUnseen(true);
    }
    prev.current = { first: firstKey, last: lastKey, height: el.scrollHeight, top: el.scrollTop, client: el.clientHeight };
    // Too few messages to scroll: there is no scroll-up gesture to load more, so load now.
    if (el.scrollHeight <= el.clientHeight && s.hasMore) void loadOlder(ctrl.store, ctrl.options.apiBase);
  });

  const onScroll = () => {
    const el = ref.current!;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (stick.current && unseen) setUnseen(false);
    prev.current.top = el.scrollTop;
    prev.current.height = el.scrollHeight;
    prev.current.client = el.clientHeight;
    if (el.scrollTop < 80 && s.hasMore) void loadOlder(ctrl.store, ctrl.options.apiBase);
  };
  const jump = () => {
    const el = ref.current!;
    stick.current = true;
    el.scrollTop = el.scrollHeight;
    setUnseen(false);
  };

  return (
    <>
      <Sheet css={CSS} />
      <div
        ref={ref}
        class="log"
        role="log"
        aria-live="polite"
        aria-label={t('messages')}
        tabIndex={0}
        data-testid="parley-messages"
        onScroll={onScroll}
        onLoadCapture={() => {
          // An image finished loading and grew the list: stay at the newest message.
          if (stick.current) ref.current!.scrollTop = ref.current!.scrollHeight;
        }}
      >
        {s.loadingOlder && <div class="hint">{th('older')}</div>}
        {!s.hasMore && s.phase === 'ready' && <Greeting s={s} t={t} />}
        {rows.map((r) =>
          r.group ? (
            <Group key={r.key} g={r.group} ctrl={ctrl} th={th} time={time} />
          ) : (
            <div key={r.key} class="hint" role="note" data-testid="parley-timeline-line" data-seq={r.line.seq}>
              {r.line.text}
            </div>
          ),
        )}
        {s.typing && (
          <div class="typing" data-testid="parley-typing">
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {th('typing', { name: s.typing.name || th('team') })}
          </div>
        )}
      </div>
      {unseen && (
        <button type="button" class="jump" data-testid="parley-jump" onClick={jump}>
          {th('jump')}
        </button>
      )}
    </>
  );
}

function Group({ g, ctrl, th, time }: { g: MessageGroup; ctrl: Controller; th: ThreadTranslate; time: (ms: number) => string }) {
  const last = g.items[g.items.length - 1];
  return (
    <div class={'group' + (g.mine ? ' mine' : '')} data-testid="parley-group" data-author={g.author.kind}>
      {!g.mine && <div class="who">{g.authorName || th('team')}</div>}
      {g.items.map((item) => (
        <Bubble key={item.key} item={item} ctrl={ctrl} th={th} time={time} last={item === last} />
      ))}
      {(last.status !== 'pending' && last.status !== 'failed') && <Meta item={last} th={th} time={time} />}
    </div>
  );
}

function timeFormatter(locale: string): (ms: number) => string {
  let fmt: Intl.DateTimeFormat | null = null;
  try {
    fmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  } catch {
    /* old browser */
  }
  return (ms) => {
    const d = new Date(ms);
    const day = d.toDateString() === new Date().toDateString() ? '' : d.toLocaleDateString(locale) + ' ';
    return day + (fmt ? fmt.format(d) : d.toTimeString().slice(0, 5));
  };
}
