import { newOrderedId } from './ids.ts';
import type { Notification, NotificationDraft, NotificationKind, NotificationPreferences, NotificationState } from '../../protocol/index.ts';

/**
 * The agents' notification center (server/notifications/): per agent, the notifications the log
 * follower made from the site's events, each stored once per (agent, event cursor, kind), with the
 * time it was read; and the agent's preferences. Every method is part of the Store interface and of
 * the shared suite (notifications.suite.ts).
 */
export interface NewNotification extends NotificationDraft {
  siteId: string;
  staffId: string;
  at: number;
}

/** A stored notification and whose it is (what the follower pushes to that agent). */
export interface StoredNotification extends Notification {
  staffId: string;
}

/** Which of an agent's notifications to mark read: some by id, those of a conversation, all up to (and with) an id, or all. */
export type NotificationReadTarget = { ids: string[] } | { conversationId: string } | { upTo: string } | { all: true };

export interface NotificationStore {
  /** Stores each draft unless its (agent, cursor, kind) is there already; answers the new ones. */
  addNotifications(list: NewNotification[]): Promise<StoredNotification[]>;
  /** One agent's, newest first; `before` is an id from the previous page. */
  listNotifications(input: { siteId: string; staffId: string; before?: string | null; limit: number; unread?: boolean }): Promise<Notification[]>;
  /** Marks unread ones read at `at`; answers how many changed. */
  markNotificationsRead(input: { siteId: string; staffId: string; target: NotificationReadTarget; at: number }): Promise<number>;
  notificationState(siteId: string, staffId: string): Promise<NotificationState>;
  /** The first claim of one of the agent's notifications answers true (that tab rings), every later one false. */
  claimNotificationRing(input: { siteId: string; staffId: string; id: string; at: number }): Promise<boolean>;
  /** Removes notifications made before `before` (at most `limit`); answers how many. */
  pruneNotifications(before: number, limit: number): Promise<number>;
  /** Null until the agent saved some (then the defaults apply). */
  getNotificationPreferences(siteId: string, staffId: string): Promise<NotificationPreferences | null>;
  setNotificationPreferences(input: { siteId: string; staffId: string; preferences: NotificationPreferences; at: number }): Promise<void>;
  /** Every saved preference of a site's agents, by staff id (what the follower checks kinds against). */
  siteNotificationPreferences(siteId: string): Promise<Map<string, NotificationPreferences>>;
  /**
   * The assignee of each of these conversations of the site (null: unassigned), in one read: the
   * follower needs it for most events of a batch (one read per conversation was ~1,000 reads/s at
   * 1,000 msg/s on PostgreSQL). Ids that are not the site's conversations are left out.
   */
  conversationAssignees(siteId: string, ids: string[]): Promise<Map<string, string | null>>;
}

export interface NotificationRow {
  id: string;
  staff_id: string;
  kind: string;
  conversation_id: string;
  cursor: number | string;
  detail: string | Record<string, unknown>;
  created_at: number | string;
  read_at: number | string | null;
}
export const NOTIFICATION_COLUMNS = 'id, staff_id, kind, conversation_id, cursor, detail, created_at, read_at';

/** What a row keeps besides its columns (actor, name, excerpt, score), as JSON. */
export function detailOf(n: NewNotification): string {
  const { actor, actorName, excerpt, score } = n;
  return JSON.stringify({ actor, actorName, excerpt, score });
}

export function toNotification(r: NotificationRow): StoredNotification {
  const detail = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Partial<NotificationDraft>;
  return {
    id: r.id,
    staffId: r.staff_id,
    kind: r.kind as NotificationKind,
    conversationId: r.conversation_id,
    cursor: Number(r.cursor),
    ...detail,
    createdAt: Number(r.created_at),
    readAt: r.read_at === null ? null : Number(r.read_at),
  };
}

export const publicNotification = ({ staffId: _s, ...n }: StoredNotification): Notification => n;

/**
 * A notification's id sorts by the cursor of its event (newOrderedId's ordered part is the cursor, not
 * the time): an agent belongs to one site, so their notifications sort in event order, and paging
 * (`before`), "newest" and "all up to" agree with the log even when one batch makes many at once.
 */
export const notificationId = (cursor: number): string => newOrderedId('ntf', cursor);
