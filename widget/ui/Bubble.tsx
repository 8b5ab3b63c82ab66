import type { Controller } from '../controller.ts';
import type { Translate } from '../i18n.ts';
import type { TimelineItem } from '../messages.ts';
import { splitLinks } from '../linkify.ts';
import { Icon } from './icons.tsx';
import { useFileParts } from './lazy-parts.ts';

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
  const files = useFileParts(item.attachments.length > 0);
  return (
    <>
      <div
        class={'msg ' + item.status + (item.deleted ? ' deleted' : '')}
        // People write in their own language whatever the widget's: each message sets its own direction.
        dir="auto"
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
        {files && item.attachments.length > 0 && <files.Attachments list={item.attachments} ctrl={ctrl} />}
      </div>
      {(item.status === 'pending' || item.status === 'failed') && <Meta item={item} t={t} time={time} ctrl={ctrl} />}
    </>
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
