import { useEffect, useState } from 'preact/hooks';
import type { VisitorConversation } from '../../protocol/index.ts';
import type { Controller } from '../controller.ts';
import type { WidgetState } from '../state.ts';
import { fetchConversations } from '../conversation-list.ts';
import { newPatch, openPatch } from '../conversation-switch.ts';
import { partText, type PartTranslate } from '../part-strings.ts';
import { Sheet } from './Sheet.tsx';
import { lazyPart } from './use-lazy.ts';

/** "Delete my data" (PrivacyParts.tsx): in the chat parts' chunk (chat-parts.ts), rendered when the visitor asks for it. */
const usePrivacyParts = lazyPart(() => import('./PrivacyParts.tsx'));

/**
 * The widget's conversation parts, a lazy chunk (the first open does not need them): the list of the
 * visitor's conversations with "New conversation", and the footer of a resolved conversation (the
 * rating, "Start a new conversation") that replaces the composer.
 */
interface Props {
  s: WidgetState;
  ctrl: Controller;
  locale: string;
}

// Stars are 44 px targets (a phone's finger; at 25 px a 5 became a 4), and Send looks disabled until one is picked.
const CSS = `.convs{flex:1;overflow:auto;display:flex;flex-direction:column;gap:2px;padding:8px}
.convs-head{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:4px 4px 8px}
.convs-head h3{margin:0;font-size:15px}
.convs button.link{background:none;color:var(--muted);text-decoration:underline;padding:4px}
.convs-foot{display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap;margin-top:auto;padding-top:8px}
.convs .new{background:var(--parley-accent);color:var(--parley-on-accent);border-radius:20px;padding:8px 14px;font-weight:650}
.conv-item{display:flex;flex-direction:column;gap:2px;text-align:start;padding:10px;border-radius:10px;background:none;color:inherit;border:1px solid var(--line)}
.conv-item:hover{background:var(--bubble,rgba(0,0,0,.04))}
.conv-top{display:flex;justify-content:space-between;gap:8px;font-size:12px;color:var(--muted)}
.conv-text{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.conv-badge{background:var(--parley-accent);color:var(--parley-on-accent);border-radius:10px;padding:0 7px;font-size:11px;font-weight:700}
.resolved{margin:0 12px 10px;display:flex;flex-direction:column;gap:8px;font-size:13px}
.resolved .sys{color:var(--muted);text-align:center;font-size:12px}
.rate{display:flex;flex-direction:column;gap:6px;padding:10px;border:1px solid var(--line);border-radius:12px}
.stars{display:flex;gap:4px}
.stars button{background:none;font-size:24px;line-height:1;color:var(--muted);min-width:44px;min-height:44px}
.stars button[aria-pressed=true]{color:#f59e0b}
.rate textarea{font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:8px;padding:6px 8px;resize:vertical;min-height:40px}
.resolved button.primary{background:var(--parley-accent);color:var(--parley-on-accent);border-radius:20px;padding:9px 14px;font-weight:650}
.resolved button.primary:disabled{opacity:.45;cursor:default}
.resolved .err{color:var(--danger)}`;
export const PartStyle = () => <Sheet css={CSS} />;

export function ConversationList({ s, ctrl, locale }: Props) {
  const l = partText('lifecycle');
  const [items, setItems] = useState<VisitorConversation[] | null>(null);
  const [erasing, setErasing] = useState(false);
  const privacy = usePrivacyParts(erasing);
  useEffect(() => {
    let live = true;
    fetchConversations(ctrl.options.apiBase, s.token).then(
      (list) => live && setItems(list),
      () => live && setItems([]),
    );
    return () => void (live = false);
  }, [s.token, s.messages.length, s.listVersion]);
  if (erasing) return privacy && <privacy.ErasureRequest s={s} ctrl={ctrl} locale={locale} onBack={() => setErasing(false)} />;
  return (
    <div class="convs" data-testid="parley-conversations">
      <div class="convs-head">
        <h3>{l('title')}</h3>
        <button type="button" class="new" onClick={() => ctrl.switchConversation(newPatch())} data-testid="parley-new-conversation">
          {l('newConversation')}
        </button>
      </div>
      {items && items.length === 0 && <p class="conv-top">{l('empty')}</p>}
      {(items || []).map((c) => {
        const m = c.lastMessage;
        const text = !m ? l('noMessages') : m.author.kind === 'visitor' ? l('you', { text: m.text }) : m.text;
        return (
          <button type="button" key={c.id} class="conv-item" onClick={() => ctrl.switchConversation(openPatch(c))} data-testid="parley-conversation" data-conversation-id={c.id} data-status={c.status}>
            <span class="conv-top">
              <span>{new Date(c.lastActivityAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</span>
              <span>{l(`status.${c.status}`)}</span>
            </span>
            <span class="conv-top">
              <span class="conv-text">{text}</span>
              {c.unread > 0 && (
                <span class="conv-badge" data-testid="parley-conversation-unread" aria-label={l('unread', { n: c.unread })}>
                  {c.unread}
                </span>
              )}
            </span>
          </button>
        );
      })}
      <div class="convs-foot">
        <button type="button" class="link" onClick={() => ctrl.store.set({ view: 'chat' })} data-testid="parley-back">
          {l('back')}
        </button>
        <button type="button" class="link" onClick={() => setErasing(true)} data-testid="parley-delete-data">
          {l('deleteData')}
        </button>
      </div>
    </div>
  );
}

/** Under a resolved conversation instead of the composer: that it is resolved (the thread says by whom), the rating, a new start. */
export function ResolvedFooter({ s, ctrl, locale }: Props) {
  const l = partText('lifecycle');
  const ask = s.site?.settings.ratings !== false;
  return (
    <div class="resolved" data-testid="parley-resolved">
      <div class="sys" role="note" data-testid="parley-resolved-line">
        {l('resolved')}
      </div>
      {ask && <RatingPrompt key={s.conversationId} s={s} ctrl={ctrl} l={l} />}
      <button type="button" class="primary" onClick={() => ctrl.switchConversation(newPatch())} data-testid="parley-start-new">
        {l('startNew')}
      </button>
    </div>
  );
}

function RatingPrompt({ s, ctrl, l }: { s: WidgetState; ctrl: Controller; l: PartTranslate<'lifecycle'> }) {
  const given = s.current?.rating;
  const [editing, setEditing] = useState(!given);
  const [score, setScore] = useState(given?.score ?? 0);
  const [comment, setComment] = useState(given?.comment ?? '');
  const [error, setError] = useState('');
  if (given && !editing) {
    return (
      <div class="rate" data-testid="parley-rated" data-score={given.score}>
        <span>
          {'★'.repeat(given.score)}
          {'☆'.repeat(5 - given.score)} {l('rated')}
        </span>
        <button type="button" class="link" onClick={() => setEditing(true)} data-testid="parley-rate-change">
          {l('change')}
        </button>
      </div>
    );
  }
  return (
    <form
      class="rate"
      data-testid="parley-rate"
      onSubmit={(e) => {
        e.preventDefault();
        if (!score) return;
        setError('');
        ctrl.rate(score, comment.trim() || undefined).then(
          () => setEditing(false),
          (err: { message?: string }) => setError(l('rateFailed', { reason: err?.message || '' })),
        );
      }}
    >
      <span>{l('rateAsk')}</span>
      <div class="stars" role="group" aria-label={l('rateAsk')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button type="button" key={n} aria-pressed={n <= score} aria-label={l('rateLabel', { n })} onClick={() => setScore(n)} data-testid={`parley-star-${n}`}>
            {n <= score ? '★' : '☆'}
          </button>
        ))}
      </div>
      <textarea aria-label={l('commentLabel')} placeholder={l('commentLabel')} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} data-testid="parley-rate-comment" />
      {error && <span class="err" role="alert">{error}</span>}
      <button type="submit" class="primary" disabled={!score} data-testid="parley-rate-send">
        {l('rateSend')}
      </button>
    </form>
  );
}
