import type { Conversation } from '../protocol/index.ts';
import { currentOf } from './conversations.ts';
import type { WidgetState } from './state.ts';

/**
 * Switching the open conversation from the list (ui/ConversationParts.tsx, a lazy chunk, which is
 * why these live apart from conversations.ts): the controller applies the patch with
 * switchConversation and loads the newest page of the one it opens.
 */

/** The patch that opens conversation `c` (from the list): its messages load next. */
export function openPatch(c: Conversation): Partial<WidgetState> {
  const read = (kind: string) => Math.max(0, ...c.reads.filter((r) => r.reader.kind === kind).map((r) => r.seq));
  return { conversationId: c.id, current: currentOf(c), messages: [], timeline: [], hasMore: false, staffReadSeq: read('staff'), visitorReadSeq: read('visitor'), typing: null, view: 'chat', startNew: false };
}

/** "New conversation": an empty chat whose first message starts one. */
export const newPatch = (): Partial<WidgetState> => ({
  conversationId: undefined,
  current: undefined,
  messages: [],
  timeline: [],
  hasMore: false,
  staffReadSeq: 0,
  visitorReadSeq: 0,
  typing: null,
  view: 'chat',
  startNew: true,
});

