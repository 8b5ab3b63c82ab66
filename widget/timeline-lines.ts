import type { TimelineEvent } from '../protocol/index.ts';
import type { ThreadTranslate } from './part-strings.ts';

/**
 * The system lines a visitor sees between the messages (issue 13), from the timeline entries the
 * server lets them see: who resolved the conversation, that it was reopened, who joined it (assigned
 * by a person or by routing), and their own rating. Triage a visitor has no part in stays out: a
 * snooze, its waking, "pending", an unassignment. Part of the lazy thread (ui/MessageList.tsx).
 */
export interface SystemLine {
  key: string;
  seq: number;
  text: string;
}

/**
 * The lines of `conversationId`, by seq; entries below `floor` (older than the oldest loaded message
 * while more history is left) wait until that history loads, as their messages do. A move to "open"
 * is a reopen only after a resolve: waking from a snooze is no news to the visitor, for whom the
 * conversation was open all along.
 */
export function visitorLines(timeline: TimelineEvent[], conversationId: string | undefined, floor: number, th: ThreadTranslate): SystemLine[] {
  const out: SystemLine[] = [];
  let status: string | undefined;
  for (const e of timeline) {
    if (e.conversationId !== conversationId) continue;
    const texts: string[] = [];
    if (e.kind === 'conversation.rated') texts.push(th('rated', { score: e.rating.score }));
    else if (e.kind === 'conversation.updated') {
      const next = e.changes.status;
      const name = e.byName || th('team');
      if (next === 'resolved') texts.push(th('resolvedBy', { name }));
      else if (next === 'open' && status === 'resolved') texts.push(e.by.kind === 'visitor' ? th('reopened') : th('reopenedBy', { name }));
      if (next) status = next;
      if (e.changes.assigneeId) texts.push(th('joined', { name: e.assigneeName || th('team') }));
    }
    if (e.seq >= floor) texts.forEach((text, k) => out.push({ key: `e${e.seq}.${k}`, seq: e.seq, text }));
  }
  return out;
}
