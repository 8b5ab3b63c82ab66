import type { DurableEvent, InboxItem, Visitor } from '../../protocol/index.ts';
import type { DashboardApi } from '../api.ts';
import { errorText } from '../i18n/error-text.ts';
import { addItems, applyInboxEvent, applyVisitorUpdate, emptyInbox, matchesFilter, setVisitorOnline, type InboxFilter, type InboxState } from '../state/inbox.ts';
import { createStore, type Store } from '../state/store.ts';
import type { UnreadState } from '../state/unread.ts';
import { seedUnread } from '../state/unread.ts';
import type { PresenceState } from '../state/presence.ts';

/**
 * Loads inbox pages for the current filter and keeps them live. A filter change starts a new
 * "generation": answers for an older filter are dropped so fast clicking never mixes lists.
 */
export interface InboxControllerDeps {
  api: DashboardApi;
  myId: string;
  unread: Store<UnreadState>;
  presence: Store<PresenceState>;
  pageSize?: number;
}

export function createInboxController({ api, myId, unread, presence, pageSize = 50 }: InboxControllerDeps) {
  const store = createStore<InboxState>(emptyInbox());
  let generation = 0;
  const fetching = new Set<string>();

  async function loadMore(): Promise<void> {
    const s = store.get();
    if (s.loading || (s.loaded && s.nextCursor === null)) return;
    const gen = generation;
    store.set({ ...s, loading: true, error: null });
    try {
      const page = await api.inbox(s.filter, s.nextCursor, pageSize);
      if (gen !== generation) return;
      unread.update((u) => seedUnread(u, page.items));
      store.update((cur) => ({ ...addItems(cur, page.items.map(withPresence), page.nextCursor), loading: false }));
    } catch (err) {
      if (gen !== generation) return;
      store.update((cur) => ({ ...cur, loading: false, error: errorText(err) }));
    }
  }

  function setFilter(patch: Partial<InboxFilter>): void {
    const filter = { ...store.get().filter, ...patch };
    generation++;
    store.set(emptyInbox(filter));
    void loadMore();
  }

  /** Start over with the same filter (resume too old, or after a long disconnect). */
  function reload(): void {
    setFilter({});
  }

  function withPresence(item: InboxItem): InboxItem {
    const online = presence.get().visitors[item.visitor.id];
    return online === undefined ? item : { ...item, visitorOnline: online };
  }

  /** Fetch one row that events say belongs in the list (new, or revived from beyond the loaded pages). */
  async function fetchRow(id: string): Promise<void> {
    if (fetching.has(id)) return;
    fetching.add(id);
    const gen = generation;
    try {
      const { conversation, visitor } = await api.conversation(id);
      const s = store.get();
      if (gen !== generation || !matchesFilter(conversation, s.filter, myId)) return;
      const item: InboxItem = {
        ...conversation,
        visitor: { id: visitor.id, name: visitor.name, email: visitor.email, label: visitor.label, identified: visitor.identified },
        unread: unread.get().counts[id] ?? 0,
        visitorOnline: presence.get().visitors[visitor.id] ?? false,
      };
      store.set(addItems(s, [item]));
    } catch {
      // The row shows up on the next reload; a failed fetch must not break the live stream.
    } finally {
      fetching.delete(id);
    }
  }

  function applyEvent(e: DurableEvent): void {
    const r = applyInboxEvent(store.get(), e, myId);
    store.set(r.state);
    if (r.fetch) void fetchRow(r.fetch);
  }

  function visitorPresence(visitorId: string, online: boolean): void {
    store.update((s) => setVisitorOnline(s, visitorId, online));
  }

  function visitorUpdated(visitor: Visitor, conversationIds: string[]): void {
    store.update((s) => applyVisitorUpdate(s, visitor, conversationIds));
  }

  return { store, loadMore, setFilter, reload, applyEvent, visitorPresence, visitorUpdated };
}

export type InboxController = ReturnType<typeof createInboxController>;
