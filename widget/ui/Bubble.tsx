import type { Attachment } from '../../protocol/index.ts';
import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { TimelineItem } from '../messages.ts';
import { splitLinks } from '../linkify.ts';
import { attachmentHref } from '../session.ts';
import { Icon } from './icons.tsx';

interface Props {
  item: TimelineItem;
  ctrl: Controller;
  t: Translate;
  time: (ms: number) => string;
  last: boolean;
}

/**
 * One message. Text is rendered as text nodes (Preact escapes it); http(s) URLs become links that
 * open in a new tab without referrer or opener. Pending and failed sends carry their own status line.
 */
export function Bubble({ item, ctrl, t, time }: Props) {
  const state = ctrl.store.get();
  return (
    <>
      <div
        class={'msg ' + item.status + (item.deleted ? ' deleted' : '')}
        title={time(item.createdAt)}
        data-testid="parley-message"
        data-status={item.status}
        data-seq={item.seq}
        data-client-id={item.clientId}
        data-author={item.author.kind}
      >
        {item.deleted
          ? t('deleted')
          : splitLinks(item.text).map((p, i) =>
              p.href ? (
                <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow">
                  {p.text}
                </a>
              ) : (
                p.text
              ),
            )}
        {item.attachments.length > 0 && (
          <div class="files">
            {item.attachments.map((a) => (
              <File key={a.id} a={a} href={attachmentHref(ctrl.options.apiBase, a.url, state.token)} />
            ))}
          </div>
        )}
      </div>
      {(item.status === 'pending' || item.status === 'failed') && <Meta item={item} t={t} time={time} ctrl={ctrl} />}
    </>
  );
}

function File({ a, href }: { a: Attachment; href: string }) {
  if (a.type.startsWith('image/')) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" data-testid="parley-attachment">
        <img src={href} alt={a.name} loading="lazy" />
      </a>
    );
  }
  return (
    <a class="file" href={href} target="_blank" rel="noopener noreferrer nofollow" download={a.name} data-testid="parley-attachment">
      <Icon name="file" />
      {a.name}
    </a>
  );
}

/** Time and delivery state under a message: clock (pending), check (sent), double check (read). */
export function Meta({ item, t, time, ctrl }: { item: TimelineItem; t: Translate; time: (ms: number) => string; ctrl?: Controller }) {
  const mine = item.author.kind === 'visitor';
  return (
    <div class="meta" data-testid="parley-meta">
      {item.status === 'failed' ? (
        <>
          <Icon name="alert" />
          <span>{item.error || t('failed')}</span>
          <button type="button" onClick={() => ctrl?.retry(item.clientId!)}>
            {t('retry')}
          </button>
          <button type="button" onClick={() => ctrl?.discard(item.clientId!)}>
            {t('discard')}
          </button>
        </>
      ) : (
        <>
          <span>{item.status === 'pending' ? t('pending') : time(item.createdAt)}</span>
          {mine && (
            <span
              class={item.status === 'read' ? 'read' : ''}
              role="img"
              aria-label={item.status === 'pending' ? t('pending') : item.status === 'read' ? t('read') : t('sent')}
              data-testid="parley-status"
              data-status={item.status}
            >
              <Icon name={item.status === 'pending' ? 'clock' : item.status === 'read' ? 'checks' : 'check'} />
            </span>
          )}
        </>
      )}
    </div>
  );
}
