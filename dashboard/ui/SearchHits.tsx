import type { SearchHit } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { authorLabel, visitorName } from '../state/format.ts';
import { stamp, t } from '../i18n/index.ts';
import { snippetParts, type SnippetPart } from '../state/search.ts';
import { useStore } from './use-store.ts';

const SHOWN = 50;

/** Text parts with the matched ones as <mark>, every part rendered as text. */
export function Marked({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** A snippet with its matches as <mark>: split on the server's « » marks. */
export function Snippet({ text }: { text: string }) {
  return <Marked parts={snippetParts(text)} />;
}

/** Messages matching the inbox search; a click opens the conversation at that message. */
export function SearchHits({ ws, now }: { ws: Workspace; now: number }) {
  const search = useStore(ws.stores.search);
  const inbox = useStore(ws.stores.inbox);
  if (!search.q) return null;

  const who = (hit: SearchHit): string => {
    // The visitor as the inbox row shows them now (name, email or label), not as they were when writing.
    const row = inbox.byId[hit.conversationId];
    return authorLabel(hit.message, ws.me.id, row ? visitorName(row.visitor) : hit.message.authorName || t('common.visitor'));
  };

  return (
    <section class="search-hits" aria-labelledby="search-hits-title" data-testid="search-hits" aria-busy={search.loading}>
      <h3 id="search-hits-title" class="hits-title">
        {search.loading ? `${t('search.title')} …` : t('search.count', { n: search.hits.length })}
      </h3>
      {search.error && (
        <p class="inbox-error" role="alert">
          {t('search.failed', { reason: search.error })}
        </p>
      )}
      {!search.loading && !search.error && search.hits.length === 0 && <p class="muted small hits-empty">{t('search.none')}</p>}
      <ul class="hits">
        {search.hits.slice(0, SHOWN).map((hit) => (
          <li key={hit.message.id}>
            <button
              type="button"
              class="hit"
              data-testid="search-hit"
              data-conversation-id={hit.conversationId}
              data-seq={hit.message.seq}
              onClick={() => void ws.openAt(hit.conversationId, hit.message.seq)}
            >
              <span class="hit-top">
                <span class="hit-who">
                  {who(hit)}
                  {hit.message.note && <span class="muted"> · {t('search.note')}</span>}
                </span>
                <time dateTime={new Date(hit.message.createdAt).toISOString()}>{stamp(hit.message.createdAt, now)}</time>
              </span>
              <span class="hit-snippet">
                <Snippet text={hit.snippet} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
