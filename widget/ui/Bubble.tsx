import type { Controller } from '../controller.ts';
import type { ThreadTranslate } from '../part-strings.ts';
import type { TimelineItem } from '../timeline.ts';
import { splitLinks } from '../linkify.ts';
import { Icon } from './icons.tsx';
import { ALERT, CHECK, CHECKS, CLOCK } from './lazy-icons.ts';
import { useFileParts } from './lazy-parts.ts';

interface Props {
  item: TimelineItem;
  ctrl: Controller;
  th: ThreadTranslate;
  time: (ms: number) => string;
  last: boolean;
}

/**
 * One message. Text is rendered as text nodes (Preact escapes it); http(s) URLs become links that
 * open in a new tab without referrer or opener. Pending and failed sends carry their own status line.
 */
export function Bubble({ item, ctrl, th, time }: Props) {
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
          ? th('deleted')
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
      {(item.status === 'pending' || item.status === 'failed') && <Meta item={item} th={th} time={time} ctrl={ctrl} />}
    </>
  );
}

/** Time and delivery state under a message: clock (pending), check (sent), double check (read). */
export function Meta({ item, th, time, ctrl }: { item: TimelineItem; th: ThreadTranslate; time: (ms: number) => string; ctrl?: Controller }) {
  const mine = item.author.kind === 'visitor';
  return (
    <div class="meta" data-testid="parley-meta">
      {item.status === 'failed' ? (
        <>
          <Icon d={ALERT} />
          <span>{item.error || th('failed')}</span>
          <button type="button" onClick={() => ctrl?.retry(item.clientId!)}>
            {th('retry')}
          </button>
          <button type="button" onClick={() => ctrl?.discard(item.clientId!)}>
            {th('discard')}
          </button>
        </>
      ) : (
        <>
          <span>{item.status === 'pending' ? th('pending') : time(item.createdAt)}</span>
          {mine && (
            <span
              class={item.status === 'read' ? 'read' : ''}
              role="img"
              aria-label={item.status === 'pending' ? th('pending') : item.status === 'read' ? th('read') : th('sent')}
              data-testid="parley-status"
              data-status={item.status}
            >
              <Icon d={item.status === 'pending' ? CLOCK : item.status === 'read' ? CHECKS : CHECK} />
            </span>
          )}
        </>
      )}
    </div>
  );
}
