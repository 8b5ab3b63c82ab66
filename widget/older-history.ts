import { mergeMessages } from './messages.ts';
import { fetchHistory } from './session.ts';
import type { Store, WidgetState } from './state.ts';
import { PAGE_SIZE } from './history.ts';

/**
 * Older pages of the open conversation, when the visitor scrolls up (or the newest page does not fill
 * the thread). Only the thread (ui/MessageList.tsx, a lazy chunk) asks for them, so this lives in its
 * chunk rather than in the first open's history.ts, which loads the newest page after every hello.
 * fetch is called as itself, never as a method of the deps object (a browser refuses that).
 */
export async function loadOlder(store: Store<WidgetState>, apiBase: string): Promise<void> {
  const { conversationId, token, messages, hasMore, loadingOlder } = store.get();
  if (!conversationId || !hasMore || loadingOlder || !messages.length) return;
  store.set({ loadingOlder: true });
  try {
    const page = await fetchHistory({ fetch: (input, init) => fetch(input, init), apiBase }, token, conversationId, { before: messages[0].seq, limit: PAGE_SIZE });
    const s = store.get();
    store.set({ messages: mergeMessages(s.messages, page.messages), timeline: mergeMessages(s.timeline, page.timeline, 'seq'), hasMore: page.hasMore, loadingOlder: false });
  } catch {
    store.set({ loadingOlder: false });
  }
}
