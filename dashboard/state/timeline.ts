import type { Message, TimelineEvent } from '../../protocol/index.ts';
import { dateTime, t } from '../i18n/index.ts';

/**
 * Timeline entries ("Alice marked this resolved", "Alice assigned this to Bob") between the messages
 * of a conversation: what each entry says, and the thread as one list ordered by seq. The names come
 * from the events themselves (byName, assigneeName), so no staff list is needed to read them.
 */
export type ThreadItem = { kind: 'message'; message: Message } | { kind: 'entry'; seq: number; texts: string[] };

/** Union by seq, ascending (a replayed entry replaces its copy). */
export function mergeTimeline(existing: TimelineEvent[], incoming: TimelineEvent[]): TimelineEvent[] {
  if (incoming.length === 0) return existing;
  const bySeq = new Map<number, TimelineEvent>();
  for (const e of existing) bySeq.set(e.seq, e);
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The lines one entry shows (a status and an assignment changed together are two lines). */
export function entryTexts(e: TimelineEvent, myId: string): string[] {
  const who = e.kind === 'visitor.identified' ? '' : e.by.kind === 'staff' && e.by.id === myId ? t('common.you') : (e.byName ?? t('common.agent'));
  switch (e.kind) {
    case 'conversation.updated': {
      const out: string[] = [];
      const { status, assigneeId, snoozedUntil, teamId } = e.changes;
      if (teamId) out.push(t('timeline.movedToTeam', { name: who, team: e.teamName ?? t('common.team') }));
      else if (teamId === null) out.push(t('timeline.teamRemoved', { name: who }));
      if (e.woke) out.push(t('timeline.woke'));
      else if (status === 'snoozed' || (status === undefined && snoozedUntil !== undefined)) {
        out.push(t('timeline.snoozed', { name: who, time: dateTime(snoozedUntil ?? e.conversation.snoozedUntil ?? 0) }));
      } else if (status !== undefined) out.push(t(`timeline.status.${status}`, { name: who }));
      if (assigneeId === null) out.push(t(e.auto ? 'timeline.returned' : 'timeline.unassigned', { name: who }));
      else if (assigneeId !== undefined) {
        const to = assigneeId === myId ? t('common.you') : (e.assigneeName ?? t('common.agent'));
        // Routing's own assignment names its assignee as `by`: it is not "Ada took this".
        out.push(e.auto ? t('timeline.autoAssigned', { assignee: to }) : assigneeId === e.by.id ? t('timeline.tookIt', { name: who }) : t('timeline.assigned', { name: who, assignee: to }));
      }
      return out;
    }
    case 'conversation.rated':
      return [e.rating.comment ? t('timeline.ratedComment', { name: who, score: e.rating.score, comment: e.rating.comment }) : t('timeline.rated', { name: who, score: e.rating.score })];
    case 'conversation.triaged': {
      const out: string[] = [];
      if (e.changes.priority) out.push(t('timeline.priority', { name: who, priority: t(`priority.${e.changes.priority}`) }));
      if (e.changes.added?.length) out.push(t('timeline.labelsAdded', { name: who, labels: e.changes.added.join(', ') }));
      if (e.changes.removed?.length) out.push(t('timeline.labelsRemoved', { name: who, labels: e.changes.removed.join(', ') }));
      return out;
    }
    case 'visitor.identified':
      return [t('timeline.identified', { from: e.fromLabel, name: e.name })];
  }
}

/** Messages and entries in seq order; entries before the oldest loaded message wait until it loads. */
export function threadItems(messages: Message[], timeline: TimelineEvent[], hasMore: boolean, myId: string): ThreadItem[] {
  const out: ThreadItem[] = [];
  const floor = hasMore && messages.length > 0 ? messages[0].seq : 0;
  let i = 0;
  for (const e of timeline) {
    if (e.seq < floor) continue;
    while (i < messages.length && messages[i].seq < e.seq) out.push({ kind: 'message', message: messages[i++] });
    const texts = entryTexts(e, myId);
    if (texts.length) out.push({ kind: 'entry', seq: e.seq, texts });
  }
  while (i < messages.length) out.push({ kind: 'message', message: messages[i++] });
  return out;
}
