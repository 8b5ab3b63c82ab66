import { useEffect, useState } from 'preact/hooks';
import type { Conversation, Visitor } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { fullTime, initials, localTimeIn, visitorName } from '../state/format.ts';
import { describeUserAgent } from '../state/user-agent.ts';
import { useStore } from './use-store.ts';

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

export function VisitorPanel({ ws }: { ws: Workspace }) {
  const c = useStore(ws.stores.conversation);
  const presence = useStore(ws.stores.presence);
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
      <aside class="visitor-panel" aria-label="Visitor details">
        <p class="panel-empty">Visitor details appear here.</p>
      </aside>
    );
  }
  // Details of the previous visitor may still be here while the new ones load.
  const d = details && details.visitor.id === c.visitor.id ? details : null;
  const v = c.visitor;
  const ctx = v.context ?? {};
  const name = visitorName(v);
  const online = presence.visitors[v.id] ?? false;
  const href = safeHref(ctx.url);
  const earlier = (d?.conversations ?? []).filter((x) => x.id !== c.id).sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  const local = localTimeIn(ctx.timezone, now);

  return (
    <aside class="visitor-panel" aria-label="Visitor details" data-testid="visitor-panel">
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
              {v.identified ? 'Identified' : 'Anonymous'}
            </span>
            <span class={`presence-text ${online ? 'is-online' : ''}`} data-testid="visitor-presence">
              {online ? 'Online' : 'Offline'}
            </span>
          </div>
        </div>
      </div>
      <dl class="fields">
        <Field label="Email" testId="visitor-email">
          {v.email ? (
            <>
              {v.email}
              {v.emailVerified === false && (
                <span class="badge badge-unverified" data-testid="visitor-email-unverified" title="Typed by the visitor in the pre-chat form, not verified by your site">
                  unverified
                </span>
              )}
            </>
          ) : (
            <span class="muted">Not provided</span>
          )}
        </Field>
        {!v.identified && (
          <Field label="Label">
            {v.label}
          </Field>
        )}
        <Field label="Current page" testId="visitor-page">
          {ctx.title && <div class="page-title">{ctx.title}</div>}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer" class="url">
              {ctx.url}
            </a>
          ) : (
            <span class={ctx.url ? 'url' : 'muted'}>{ctx.url || 'Unknown'}</span>
          )}
        </Field>
        <Field label="Referrer" testId="visitor-referrer">
          <span class={ctx.referrer ? 'url' : 'muted'}>{ctx.referrer || 'Direct'}</span>
        </Field>
        <Field label="Browser" testId="visitor-browser">
          {describeUserAgent(ctx.userAgent)}
        </Field>
        <Field label="Local time" testId="visitor-local-time">
          {local ?? <span class="muted">Unknown</span>}
        </Field>
        {ctx.language && <Field label="Language">{ctx.language}</Field>}
        <Field label="First seen" testId="visitor-first-seen">
          {fullTime(v.firstSeenAt)}
        </Field>
        <Field label="Last seen">{fullTime(v.lastSeenAt)}</Field>
        {ctx.attributes &&
          Object.entries(ctx.attributes).map(([k, val]) => (
            <Field key={k} label={k}>
              {String(val)}
            </Field>
          ))}
      </dl>
      <section class="earlier" aria-labelledby="earlier-title">
        <h3 id="earlier-title">Earlier conversations</h3>
        {d === null ? (
          <p class="muted">Loading…</p>
        ) : earlier.length === 0 ? (
          <p class="muted">None</p>
        ) : (
          <ul data-testid="earlier-conversations">
            {earlier.map((x) => (
              <li key={x.id}>
                <button type="button" class="earlier-item" onClick={() => ws.select(x.id)} aria-label={`Open conversation from ${fullTime(x.createdAt)}, ${x.status}`}>
                  <span class="earlier-top">
                    <span>{new Date(x.createdAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}</span>
                    <span class={`status-pill status-${x.status}`}>{x.status}</span>
                  </span>
                  <span class="earlier-preview">{x.lastMessage?.text || 'No messages'}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
