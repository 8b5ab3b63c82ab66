import type { Notification, NotificationPreferences, NotificationState, ServerEvent } from '../../protocol/index.ts';
import type { DashboardApi } from '../api.ts';
import { applyNotificationEvent, applyPage, emptyNotifications, isStale, markReadLocally, unreadIn, type NotificationsState } from '../state/notifications.ts';
import { createStore } from '../state/store.ts';

/**
 * The agent's notification center in this tab: the list from REST, kept live by the pushes on the
 * agent's sockets, reloaded when a hello says the server holds something else (a push lost while
 * disconnected). `onNew` hears each notification that arrived live (not from a page load): what
 * may ring (the view decides whether this tab is the one that rings).
 */
export interface NotificationControllerDeps {
  api: DashboardApi;
  now: () => number;
  onNew: (n: Notification, preferences: NotificationPreferences) => void;
}

export function createNotificationController(d: NotificationControllerDeps) {
  const store = createStore<NotificationsState>(emptyNotifications);
  let loading: Promise<void> | null = null;

  /** The first page again (replacing what is held): after a hello that says we are behind. */
  const reload = (): Promise<void> =>
    (loading ??= d.api
      .notifications(null)
      .then((page) => store.update((s) => applyPage(s, page, true)))
      .catch(() => {}) // the next hello or push tries again
      .finally(() => (loading = null)));

  async function loadMore(): Promise<void> {
    const s = store.get();
    if (!s.nextCursor) return;
    const page = await d.api.notifications(s.nextCursor);
    store.update((cur) => applyPage(cur, page, false));
  }

  function applyEvent(e: ServerEvent): void {
    if (e.kind !== 'notification' && e.kind !== 'notifications.read' && e.kind !== 'notifications.preferences') return;
    const known = e.kind === 'notification' && store.get().items.some((n) => n.id === e.notification.id);
    store.update((s) => applyNotificationEvent(s, e));
    if (e.kind === 'notification' && !known) d.onNew(e.notification, store.get().preferences);
  }

  /** A hello said where the server is: load the list again when we hold something else. */
  function hello(state: NotificationState | undefined): Promise<void> {
    return state && isStale(store.get(), state) ? reload() : Promise.resolve();
  }

  async function read(target: { ids: string[] } | { conversationId: string } | { all: true }): Promise<void> {
    const s = store.get();
    const newest = s.items[0]?.id;
    const hits =
      'ids' in target ? (n: Notification) => target.ids.includes(n.id) : 'conversationId' in target ? (n: Notification) => n.conversationId === target.conversationId : (n: Notification) => newest !== undefined && n.id <= newest;
    store.update((cur) => markReadLocally(cur, hits, d.now()));
    // "All" is all the agent has seen: one that arrives meanwhile stays unread.
    const wire = 'all' in target ? (newest ? { upTo: newest } : null) : target;
    if (!wire) return;
    try {
      const { state } = await d.api.readNotifications(wire);
      store.update((cur) => ({ ...cur, unread: state.unread, newestId: state.newestId }));
    } catch {
      void reload();
    }
  }

  /** Opening a conversation reads its notifications (on every tab: the server tells the others). */
  function conversationOpened(conversationId: string): void {
    if (unreadIn(store.get(), conversationId) > 0) void read({ conversationId });
  }

  async function loadPreferences(): Promise<void> {
    try {
      const preferences = await d.api.notificationPreferences();
      store.update((s) => ({ ...s, preferences }));
    } catch {
      // The defaults stand until the next try.
    }
  }

  async function setPreferences(preferences: NotificationPreferences): Promise<void> {
    const before = store.get().preferences;
    store.update((s) => ({ ...s, preferences }));
    try {
      const saved = await d.api.setNotificationPreferences(preferences);
      store.update((s) => ({ ...s, preferences: saved }));
    } catch {
      store.update((s) => ({ ...s, preferences: before }));
    }
  }

  return { store, reload, loadMore, applyEvent, hello, read, conversationOpened, loadPreferences, setPreferences };
}

export type NotificationController = ReturnType<typeof createNotificationController>;
