import type { Notification, NotificationPreferences, NotificationState } from '../../../protocol/index.ts';
import {
  detailOf, NOTIFICATION_COLUMNS, notificationId, publicNotification, toNotification,
  type NewNotification, type NotificationReadTarget, type NotificationRow, type StoredNotification,
} from '../notification-records.ts';
import type { Db } from './db.ts';

/** The notification center on SQLite (the rules: ../notification-records.ts). Writes run on the store's write queue. */
export function addNotifications(db: Db, list: NewNotification[]): StoredNotification[] {
  const insert = db.st(
    `INSERT INTO notifications (id, site_id, staff_id, kind, conversation_id, cursor, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (staff_id, cursor, kind) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS}`,
  );
  const made: StoredNotification[] = [];
  for (const n of list) {
    const row = insert.get(notificationId(n.cursor), n.siteId, n.staffId, n.kind, n.conversationId, n.cursor, detailOf(n), n.at) as NotificationRow | undefined;
    if (row) made.push(toNotification(row));
  }
  return made;
}

export function listNotifications(db: Db, input: { siteId: string; staffId: string; before?: string | null; limit: number; unread?: boolean }): Notification[] {
  const rows = db
    .st(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE staff_id = ? AND site_id = ? AND (? IS NULL OR id < ?) ${input.unread ? 'AND read_at IS NULL' : ''}
       ORDER BY id DESC LIMIT ?`,
    )
    .all(input.staffId, input.siteId, input.before ?? null, input.before ?? null, input.limit) as NotificationRow[];
  return rows.map((r) => publicNotification(toNotification(r)));
}

export function markNotificationsRead(db: Db, input: { siteId: string; staffId: string; target: NotificationReadTarget; at: number }): number {
  const base = 'UPDATE notifications SET read_at = ? WHERE staff_id = ? AND site_id = ? AND read_at IS NULL';
  const args = [input.at, input.staffId, input.siteId];
  const t = input.target;
  if ('ids' in t) {
    if (t.ids.length === 0) return 0;
    return db.st(`${base} AND id IN (SELECT value FROM json_each(?))`).run(...args, JSON.stringify(t.ids)).changes;
  }
  if ('conversationId' in t) return db.st(`${base} AND conversation_id = ?`).run(...args, t.conversationId).changes;
  if ('all' in t) return db.st(base).run(...args).changes;
  return db.st(`${base} AND id <= ?`).run(...args, t.upTo).changes;
}

export function notificationState(db: Db, siteId: string, staffId: string): NotificationState {
  const unread = db.st('SELECT COUNT(*) FROM notifications WHERE staff_id = ? AND site_id = ? AND read_at IS NULL').pluck().get(staffId, siteId) as number;
  const newestId = (db.st('SELECT MAX(id) FROM notifications WHERE staff_id = ? AND site_id = ?').pluck().get(staffId, siteId) as string | null) ?? null;
  return { unread, newestId };
}

export function claimNotificationRing(db: Db, input: { siteId: string; staffId: string; id: string; at: number }): boolean {
  return db.st('UPDATE notifications SET rung_at = ? WHERE id = ? AND staff_id = ? AND site_id = ? AND rung_at IS NULL').run(input.at, input.id, input.staffId, input.siteId).changes > 0;
}

export function pruneNotifications(db: Db, before: number, limit: number): number {
  return db.st('DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE created_at < ? LIMIT ?)').run(before, limit).changes;
}

export function getNotificationPreferences(db: Db, siteId: string, staffId: string): NotificationPreferences | null {
  const raw = db.st('SELECT preferences FROM notification_preferences WHERE staff_id = ? AND site_id = ?').pluck().get(staffId, siteId) as string | undefined;
  return raw ? (JSON.parse(raw) as NotificationPreferences) : null;
}

export function setNotificationPreferences(db: Db, input: { siteId: string; staffId: string; preferences: NotificationPreferences; at: number }): void {
  db.st(
    `INSERT INTO notification_preferences (staff_id, site_id, preferences, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`,
  ).run(input.staffId, input.siteId, JSON.stringify(input.preferences), input.at);
}

export function conversationAssignees(db: Db, siteId: string, ids: string[]): Map<string, string | null> {
  const rows = db
    .st('SELECT id, assignee_id FROM conversations WHERE site_id = ? AND id IN (SELECT value FROM json_each(?))')
    .all(siteId, JSON.stringify(ids)) as { id: string; assignee_id: string | null }[];
  return new Map(rows.map((r) => [r.id, r.assignee_id]));
}

export function siteNotificationPreferences(db: Db, siteId: string): Map<string, NotificationPreferences> {
  const rows = db.st('SELECT staff_id, preferences FROM notification_preferences WHERE site_id = ?').all(siteId) as { staff_id: string; preferences: string }[];
  return new Map(rows.map((r) => [r.staff_id, JSON.parse(r.preferences) as NotificationPreferences]));
}
