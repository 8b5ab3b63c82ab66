import type { Message } from '../../protocol/index.ts';
import type { Store } from '../store/store.ts';

const PAGE = 500;

/**
 * A message of a conversation by id, as `includeNotes` allows, through history (newest pages first:
 * attachments are mostly opened, and messages deleted, soon after they are sent). The Store has no
 * lookup by message id; when it gets one (getMessage), this becomes a single call.
 */
export async function findMessage(store: Store, conversationId: string, messageId: string, includeNotes: boolean): Promise<Message | null> {
  let before: number | undefined;
  for (;;) {
    const page = await store.history(conversationId, { before, limit: PAGE, includeNotes });
    const found = page.messages.find((m) => m.id === messageId);
    if (found) return found;
    if (!page.hasMore || page.messages.length === 0) return null;
    before = page.messages[0].seq;
  }
}
