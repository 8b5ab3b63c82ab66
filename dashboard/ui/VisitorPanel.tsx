import { useEffect, useState } from 'preact/hooks';
import type { Conversation, Visitor } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { initials, localTimeIn, visitorName } from '../state/format.ts';
import { date, dateTime, languageName, t } from '../i18n/index.ts';
import { describeUserAgent } from '../state/user-agent.ts';
import { BackIcon } from './icons.tsx';
import { useStore } from './use-store.ts';
import { BlockVisitor } from './BlockVisitor.tsx';

/** Only http(s) URLs become links; anything else (javascript:, data:) stays plain text. */
function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function Field({ label, children, testId }: { label: string; children: preact.ComponentChildren; testId?: string }) {
  return (
    <div class="field-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The agent's "send transcript": the conversation by email to the visitor's address (when the server sends email). */
function SendTranscript({ ws, conversationId }: { ws: Workspace; conversationId: string }) {
  const [state, setState] = useState<{ phase: 'idle' | 'sending' | 'sent' | 'failed'; text?: string }>({ phase: 'idle' });
  useEffect(() => setState({ phase: 'idle' }), [conversationId]);
  const send = () => {
    setState({ phase: 'sending' });
    ws.api.transcript(conversationId).then(
      (r) => setState({ phase: 'sent', text: t('email.transcriptSent', { email: r.to }) }),
      (e: Error) => setState({ phase: 'failed', text: e.message }),
    );
  };
  return (
    <div class="transcript-action">
      <button type="button" class="btn-link" data-testid="send-transcript" disabled={state.phase === 'sending'} onClick={send}>
        {t('email.sendTranscript')}
      </button>
      {state.text && (
        <span role={state.phase === 'failed' ? 'alert' : 'status'} class={state.phase === 'failed' ? 'error-text' : 'muted'} data-testid="send-transcript-result">
          {state.text}
        </span>
      )}
    </div>
  );
}

export function VisitorPanel({ ws, onBack }: { ws: Workspace; /** Phones: back to the conversation (hidden on wider screens). */ onBack: () => void }) {
  const c = useStore(ws.stores.conversation);
  const presence = useStore(ws.stores.presence);
  // Presence comes over the live connection: while it is down, what we last heard may be stale.
  const presenceKnown = useStore(ws.stores.connection) === 'connected';
  const [details, setDetails] = useState<{ visitor: Visitor; conversations: Conversation[] } | null>(null);
  const [now, setNow] = useState(Date.now());
  const visitorId = c?.visitor?.id ?? null;

  // Earlier conversations come from REST once per visitor; the visitor record itself (page, name,
  // email, identified) is kept live in the conversation store by visitor.updated events.
  useEffect(() => {
    if (!visitorId) return setDetails(null);
    let live = true;
    ws.api.visitor(visitorId).then((d) => live && setDetails(d), () => {});
    return () => {
      live = false;
    };
  }, [visitorId]);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  if (!c || !c.visitor) {
    return (
      <aside class="visitor-panel" aria-label={t('visitor.details')}>
        <p class="panel-empty">{t('visitor.empty')}</p>
      </aside>
    );
  }
  // Details of the previous visitor may still be here while the new ones load.
  const d = details && details.visitor.id === c.visitor.id ? details : null;
  const v = c.visitor;
  const ctx = v.context ?? {};
  const name = visitorName(v);
  const online = presenceKnown && (presence.visitors[v.id] ?? false);
  const href = safeHref(ctx.url);
  const earlier = (d?.conversations ?? []).filter((x) => x.id !== c.id).sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  const local = localTimeIn(ctx.timezone, now);

  return (
    <aside class="visitor-panel" aria-label={t('visitor.details')} data-testid="visitor-panel">
      <button type="button" class="btn btn-ghost btn-sm pane-nav pane-back" onClick={onBack} data-testid="pane-details-back">
        <BackIcon size={16} />
        {t('visitor.back')}
      </button>
      <div class="visitor-card">
        <span class="avatar avatar-lg" aria-hidden="true">
          {initials(name)}
          {online && <span class="online-dot" />}
        </span>
        <div>
          <h2 class="visitor-name" data-testid="visitor-name">
            {name}
          </h2>
          <div class="visitor-badges">
            <span class={`badge ${v.identified ? 'badge-identified' : 'badge-anon'}`} data-testid="visitor-identity">
              {v.identified ? t('badge.identified') : t('badge.anonymous')}
            </span>
            <span
              class={`presence-text ${!presenceKnown ? 'is-unknown' : online ? 'is-online' : ''}`}
              data-testid="visitor-presence"
              data-presence={!presenceKnown ? 'unknown' : online ? 'online' : 'offline'}
            >
              {!presenceKnown ? t('presence.unknown') : online ? t('presence.online') : t('presence.offline')}
            </span>
          </div>
        </div>
      </div>
      <dl class="fields">
        <Field label={t('field.email')} testId="visitor-email">
          {v.email ? (
            <>
              {v.email}
              {v.emailVerified ? (
                <span class="badge badge-verified" data-testid="visitor-email-verified" title={t('field.verifiedHint')}>
                  {t('field.verified')}
                </span>
              ) : (
                <span class="badge badge-unverified" data-testid="visitor-email-unverified" title={t('field.unverifiedHint')}>
                  {t('field.unverified')}
                </span>
              )}
              {ws.site.email && c?.conversation && <SendTranscript ws={ws} conversationId={c.conversation.id} />}
            </>
          ) : (
            <span class="muted">{t('field.notProvided')}</span>
          )}
        </Field>
        {!v.identified && (
          <Field label={t('field.label')}>
            {v.label}
          </Field>
        )}
        <Field label={t('field.page')} testId="visitor-page">
          {ctx.title && <div class="page-title">{ctx.title}</div>}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer" class="url">
              {ctx.url}
            </a>
          ) : (
            <span class={ctx.url ? 'url' : 'muted'}>{ctx.url || t('field.unknown')}</span>
          )}
        </Field>
        <Field label={t('field.referrer')} testId="visitor-referrer">
          <span class={ctx.referrer ? 'url' : 'muted'}>{ctx.referrer || t('field.direct')}</span>
        </Field>
        <Field label={t('field.browser')} testId="visitor-browser">
          {describeUserAgent(ctx.userAgent)}
        </Field>
        <Field label={t('field.localTime')} testId="visitor-local-time">
          {local ?? <span class="muted">{t('field.unknown')}</span>}
        </Field>
        {ctx.language && <Field label={t('field.language')}>{languageName(ctx.language)}</Field>}
        <Field label={t('field.firstSeen')} testId="visitor-first-seen">
          {dateTime(v.firstSeenAt)}
        </Field>
        <Field label={t('field.lastSeen')}>{dateTime(v.lastSeenAt)}</Field>
        {ctx.attributes &&
          Object.entries(ctx.attributes).map(([k, val]) => (
            <Field key={k} label={k}>
              {String(val)}
            </Field>
          ))}
      </dl>
      <BlockVisitor ws={ws} visitorId={v.id} />
      <section class="earlier" aria-labelledby="earlier-title">
        <h3 id="earlier-title">{t('visitor.earlier')}</h3>
        {d === null ? (
          <p class="muted">{t('common.loading')}</p>
        ) : earlier.length === 0 ? (
          <p class="muted">{t('visitor.noEarlier')}</p>
        ) : (
          <ul data-testid="earlier-conversations">
            {earlier.map((x) => (
              <li key={x.id}>
                <button type="button" class="earlier-item" onClick={() => ws.select(x.id)} aria-label={t('visitor.openEarlier', { date: dateTime(x.createdAt), status: t(`status.${x.status}`) })}>
                  <span class="earlier-top">
                    <span>{date(x.createdAt)}</span>
                    <span class={`status-pill status-${x.status}`}>{t(`status.${x.status}`)}</span>
                    {x.rating && (
                      <span class="rating-value" data-testid="earlier-rating" title={t('rating.value', { score: x.rating.score })}>
                        {'★'.repeat(x.rating.score)}
                      </span>
                    )}
                  </span>
                  <span class="earlier-preview">{x.lastMessage?.text || t('visitor.noMessages')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
