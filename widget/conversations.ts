import type { Conversation, ServerEvent, TimelineEvent } from '../protocol/index.ts';
import type { WidgetState } from './state.ts';

/**
 * Several conversations per visitor, as pure state changes (the controller applies them): which one
 * is open and how it stands (status, rating, who resolved it), switching to another one, and starting
 * a new one with the next message. Small on purpose: it is part of the first open; the list and the
 * rating are lazy parts (ui/ConversationParts.tsx).
 */
export type Current = NonNullable<WidgetState['current']>;

export const currentOf = (c: Pick<Conversation, 'status' | 'rating'> | undefined, resolvedBy?: string): Current | undefined =>
  c && { status: c.status, rating: c.rating, resolvedBy };

/** The patch that opens conversation `c` (from the list): its messages load next. */
export function openPatch(c: Conversation): Partial<WidgetState> {
  const read = (kind: string) => Math.max(0, ...c.reads.filter((r) => r.reader.kind === kind).map((r) => r.seq));
  return { conversationId: c.id, current: currentOf(c), messages: [], hasMore: false, staffReadSeq: read('staff'), visitorReadSeq: read('visitor'), typing: null, view: 'chat', startNew: false };
}

/** "New conversation": an empty chat whose first message starts one. */
export const newPatch = (): Partial<WidgetState> => ({
  conversationId: undefined,
  current: undefined,
  messages: [],
  hasMore: false,
  staffReadSeq: 0,
  visitorReadSeq: 0,
  typing: null,
  view: 'chat',
  startNew: true,
});

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
