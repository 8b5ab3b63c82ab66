import type { WidgetState } from '../state.ts';
import { backAtText } from '../back-at.ts';
import { hoursStrings } from '../hours-strings.ts';
import { Sheet } from './Sheet.tsx';

/**
 * Business hours and the queue (a lazy chunk, with its strings): App asks for it as soon as the hello
 * says the team is out or the visitor's conversation waits for an agent, so it is usually in by the
 * time the panel shows it. Most visitors write while the team is in and nobody waits, and never load it.
 */
const CSS = `.queue{padding:6px 14px;font-size:12.5px;color:var(--muted);text-align:center}`;

/** The header's line under "We're away" outside hours: when the team is back ('' when no opening is ahead). */
export const backAt = (s: WidgetState, locale: string, intl: string): string => (s.hours ? backAtText(s.hours, Date.now(), hoursStrings(locale), intl) : '');

/** "You're number 2 in line." above the composer while the open conversation waits for an agent. */
export function QueuePlace({ place, locale }: { place: number; locale: string }) {
  return (
    <div class="queue" role="status" data-testid="parley-queue" data-position={place}>
      <Sheet css={CSS} />
      {hoursStrings(locale)('queuePlace', { n: place })}
    </div>
  );
}
