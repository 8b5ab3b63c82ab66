import type { Conversation, ServerEvent } from '../protocol/index.ts';
import { mergeMessages } from './messages.ts';
import type { WidgetState } from './state.ts';

/**
 * Several conversations per visitor, as pure state changes (the controller applies them): which one
 * is open and how it stands (status, rating, its timeline entries). Small on purpose: it is part of
 * the first open; the list, switching and the rating are lazy parts (ui/ConversationParts.tsx,
 * conversation-switch.ts).
 */
export type Current = NonNullable<WidgetState['current']>;

export const currentOf = (c: Pick<Conversation, 'status' | 'rating'> | undefined): Current | undefined => c && { status: c.status, rating: c.rating };

/** A status change or rating of the open conversation (live, or replayed on resume): how it stands, and its timeline entry. */
export function currentPatch(s: WidgetState, e: ServerEvent): Partial<WidgetState> | null {
  if (e.kind !== 'conversation.updated' && e.kind !== 'conversation.rated' && e.kind !== 'conversation.created') return null;
  if (e.conversationId !== s.conversationId) return null;
  return { current: currentOf(e.conversation), ...(e.kind !== 'conversation.created' && { timeline: mergeMessages(s.timeline, [e], 'seq') }) };
}
