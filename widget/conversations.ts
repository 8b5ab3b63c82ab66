import type { Conversation, ServerEvent, TimelineEvent } from '../protocol/index.ts';
import type { WidgetState } from './state.ts';

/**
 * Several conversations per visitor, as pure state changes (the controller applies them): which one
 * is open and how it stands (status, rating, who resolved it). Small on purpose: it is part of the
 * first open; the list, switching and the rating are lazy parts (ui/ConversationParts.tsx,
 * conversation-switch.ts).
 */
export type Current = NonNullable<WidgetState['current']>;

export const currentOf = (c: Pick<Conversation, 'status' | 'rating'> | undefined, resolvedBy?: string): Current | undefined =>
  c && { status: c.status, rating: c.rating, resolvedBy };

/** A status change or rating of the open conversation (live, or replayed on resume). */
export function currentPatch(s: WidgetState, e: ServerEvent): Partial<WidgetState> | null {
  if (e.kind !== 'conversation.updated' && e.kind !== 'conversation.rated' && e.kind !== 'conversation.created') return null;
  if (e.conversationId !== s.conversationId) return null;
  const resolvedBy = e.kind === 'conversation.updated' && e.changes.status === 'resolved' ? e.byName : s.current?.resolvedBy;
  return { current: currentOf(e.conversation, resolvedBy) };
}

/** Who resolved it, from a history page's timeline (after a reload). */
export function resolvedByIn(timeline: TimelineEvent[] | undefined): string | undefined {
  let name: string | undefined;
  for (const e of timeline || []) if (e.kind === 'conversation.updated' && e.changes.status === 'resolved') name = e.byName;
  return name;
}
