import type { WidgetState } from '../state.ts';
import type { Translate } from '../i18n.ts';
import { backAtText } from '../back-at.ts';
import { closedNow, queuePlace } from '../reachability.ts';
import { replyTimeText } from '../reply-time.ts';
import { partText } from '../part-strings.ts';
import { Sheet } from './Sheet.tsx';

/**
 * Business hours and the queue (a lazy chunk, with its strings): App asks for it as soon as the hello
 * says the team is out or the visitor's conversation waits for an agent, so it is usually in by the
 * time the panel shows it. Most visitors write while the team is in and nobody waits, and never load it.
 */
const CSS = `.queue{padding:6px 14px;font-size:12.5px;color:var(--muted);text-align:center}`;


/**
 * The header's two lines outside business hours: "We're away" and when the team is back (in the
 * visitor's time; without an opening ahead, the away line). Else agents are there but none is free (all chose busy, or every online one holds their
 * capacity): "All agents are busy", and under it where a new conversation would stand ("You'd be
 * number 3 in line") or, when the visitor's own one already waits (its place shows above the
 * composer) or nobody waits, the usual reply time.
 */
export function headLines(s: WidgetState, t: Translate, intl: string): [string, string] {
  const h = partText('hours');
  if (closedNow(s)) return [t('away'), (s.hours && backAtText(s.hours, Date.now(), h, intl)) || t('awaySub')];
  const waiting = s.capacity?.full ? s.capacity.waiting : 0;
  const sub = waiting > 0 && queuePlace(s) === undefined ? h('busyPlace', { n: waiting + 1 }) : t('onlineSub', { time: replyTimeText(s.replyMinutes, s.site?.settings.replyTime, t, intl) });
  return [h('busy'), sub];
}

/** "You're number 2 in line." above the composer while the open conversation waits for an agent. */
export function QueuePlace({ place }: { place: number }) {
  return (
    <div class="queue" role="status" data-testid="parley-queue" data-position={place}>
      <Sheet css={CSS} />
      {partText('hours')('queuePlace', { n: place })}
    </div>
  );
}
