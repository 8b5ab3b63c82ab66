import type { HistoryResponse, Message } from '../protocol/index.ts';
import type { RealtimeClient } from '../client/api.ts';
import { mergeMessages } from './messages.ts';
import { fetchHistory, type SessionDeps } from './session.ts';
import type { Store, WidgetState } from './state.ts';

/**
 * Conversation history over REST: the newest page after every hello (fills whatever the resume did
 * not cover, and is the whole load on a fresh tab). Older pages, when the visitor scrolls up, are the
 * thread's (older-history.ts, in its lazy chunk).
 */
export const PAGE_SIZE = 30;

/**
 * Folds the newest page into what we hold. If our newest message is older than the page's oldest
 * and the server has more before it, there may be a hole between them: start over from the page.
 */
export function foldLatestPage(
  mine: Message[],
  hasMore: boolean,
  page: HistoryResponse,
  replace: boolean,
): { messages: Message[]; hasMore: boolean } {
  const first = page.messages[0];
  const gap = page.hasMore && !!first && mine.length > 0 && mine[mine.length - 1].seq < first.seq;
  if (replace || gap || mine.length === 0) return { messages: page.messages, hasMore: page.hasMore };
  return { messages: mergeMessages(mine, page.messages), hasMore };
}

export function createHistory(store: Store<WidgetState>, session: SessionDeps, client: () => RealtimeClient | null) {
  const get = store.get;
  return {
    async loadLatest(replace: boolean): Promise<void> {
      const { conversationId, token } = get();
      if (!conversationId) return;
      try {
        const page = await fetchHistory(session, token, conversationId, { limit: PAGE_SIZE });
        if (get().conversationId !== conversationId) return;
        store.set({ ...foldLatestPage(get().messages, get().hasMore, page, replace), timeline: mergeMessages(get().timeline, page.timeline, 'seq') });
        const top = page.messages[page.messages.length - 1];
        if (top) client()?.markSeen(conversationId, top.seq);
      } catch {
        // Retried on the next hello; live events keep arriving meanwhile.
      }
    },
  };
}
