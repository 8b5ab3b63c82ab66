import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  type Notification,
  type NotificationPreferences,
  type NotificationState,
  type ServerEvent,
} from '../../protocol/index.ts';

/**
 * The bell: the agent's notifications as the server keeps them (newest first, by id, which sorts by
 * event), the unread count the server says, and the agent's preferences. Pure reducers, fed by the
 * REST list and by the pushes on the agent's sockets (protocol: notification, notifications.read,
 * notifications.preferences), so every tab and device converges on the server's state.
 */
export interface NotificationsState {
  items: Notification[];
  unread: number;
  /** The newest id the server has told us of (hello, a push, a list). */
  newestId: string | null;
  /** `before` of the next page; null: no more. */
  nextCursor: string | null;
  loaded: boolean;
  preferences: NotificationPreferences;
}

export const emptyNotifications: NotificationsState = { items: [], unread: 0, newestId: null, nextCursor: null, loaded: false, preferences: DEFAULT_NOTIFICATION_PREFERENCES };

const byNewest = (a: Notification, b: Notification) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function merge(items: Notification[], incoming: Notification[]): Notification[] {
  const byId = new Map(items.map((n) => [n.id, n]));
  for (const n of incoming) {
    const had = byId.get(n.id);
    // Read stays read: a page fetched before a read arrived must not make it unread again.
    byId.set(n.id, had && had.readAt !== null && n.readAt === null ? { ...n, readAt: had.readAt } : n);
  }
  return [...byId.values()].sort(byNewest);
}

const withState = (s: NotificationsState, st: NotificationState): NotificationsState => ({ ...s, unread: st.unread, newestId: st.newestId });

/** A page from GET /api/v1/notifications: the first (`reset`) replaces what we hold, a later one adds. */
export function applyPage(s: NotificationsState, page: { items: Notification[]; nextCursor: string | null; state: NotificationState }, reset: boolean): NotificationsState {
  return { ...withState(s, page.state), items: reset ? merge([], page.items) : merge(s.items, page.items), nextCursor: page.nextCursor, loaded: true };
}

/** Whether what the server says (hello) differs from what we hold: then the list is loaded again. */
export function isStale(s: NotificationsState, st: NotificationState): boolean {
  return !s.loaded || st.newestId !== s.newestId || st.unread !== s.unread;
}

export function applyNotificationEvent(s: NotificationsState, e: ServerEvent): NotificationsState {
  switch (e.kind) {
    case 'notification':
      return { ...withState(s, e.state), items: merge(s.items, [e.notification]) };
    case 'notifications.read': {
      const hits = (n: Notification) =>
        e.all === true || (e.ids?.includes(n.id) ?? false) || (e.conversationId !== undefined && n.conversationId === e.conversationId) || (e.upTo !== undefined && n.id <= e.upTo);
      return { ...withState(s, e.state), items: s.items.map((n) => (n.readAt === null && hits(n) ? { ...n, readAt: e.readAt } : n)) };
    }
    case 'notifications.preferences':
      return { ...s, preferences: e.preferences };
    default:
      return s;
  }
}

/** Read locally at once (the server's answer and push confirm it): a click shows its effect without waiting. */
export function markReadLocally(s: NotificationsState, hits: (n: Notification) => boolean, at: number): NotificationsState {
  let changed = 0;
  const items = s.items.map((n) => (n.readAt === null && hits(n) ? (changed++, { ...n, readAt: at }) : n));
  return changed ? { ...s, items, unread: Math.max(0, s.unread - changed) } : s;
}

/** Unread notifications of one conversation (opening it reads them). */
export const unreadIn = (s: NotificationsState, conversationId: string): number => s.items.filter((n) => n.readAt === null && n.conversationId === conversationId).length;
