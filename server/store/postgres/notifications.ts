import type { Notification, NotificationPreferences, NotificationState } from '../../../protocol/index.ts';
import {
  detailOf, NOTIFICATION_COLUMNS, notificationId, publicNotification, toNotification,
  type NewNotification, type NotificationReadTarget, type NotificationRow, type StoredNotification,
} from '../notification-records.ts';
import { q, q1, type Pg } from './db.ts';

/** The notification center on PostgreSQL, as on SQLite (sqlite/notifications.ts; the rules: ../notification-records.ts). */
export async function addNotifications(db: Pg, list: NewNotification[]): Promise<StoredNotification[]> {
  if (list.length === 0) return [];
  const rows = await q<NotificationRow>(
    db.pool,
    `INSERT INTO notifications (id, site_id, staff_id, kind, conversation_id, cursor, detail, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::jsonb[], $8::bigint[])
     ON CONFLICT (staff_id, cursor, kind) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS}`,
    [
      list.map((n) => notificationId(n.cursor)),
      list.map((n) => n.siteId),
      list.map((n) => n.staffId),
      list.map((n) => n.kind),
      list.map((n) => n.conversationId),
      list.map((n) => n.cursor),
      list.map((n) => detailOf(n)),
      list.map((n) => n.at),
    ],
  );
  return rows.map(toNotification).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function listNotifications(db: Pg, input: { siteId: string; staffId: string; before?: string | null; limit: number; unread?: boolean }): Promise<Notification[]> {
  const rows = await q<NotificationRow>(
    db.pool,
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE staff_id = $1 AND site_id = $2 AND ($3::text IS NULL OR id < $3) ${input.unread ? 'AND read_at IS NULL' : ''}
     ORDER BY id DESC LIMIT $4`,
    [input.staffId, input.siteId, input.before ?? null, input.limit],
  );
  return rows.map((r) => publicNotification(toNotification(r)));
}

export async function markNotificationsRead(db: Pg, input: { siteId: string; staffId: string; target: NotificationReadTarget; at: number }): Promise<number> {
  const base = 'UPDATE notifications SET read_at = $1 WHERE staff_id = $2 AND site_id = $3 AND read_at IS NULL';
  const args = [input.at, input.staffId, input.siteId];
  const t = input.target;
  let r;
  if ('ids' in t) {
    if (t.ids.length === 0) return 0;
    r = await db.pool.query(`${base} AND id = ANY($4::text[])`, [...args, t.ids]);
  } else if ('conversationId' in t) r = await db.pool.query(`${base} AND conversation_id = $4`, [...args, t.conversationId]);
  else if ('all' in t) r = await db.pool.query(base, args);
  else r = await db.pool.query(`${base} AND id <= $4`, [...args, t.upTo]);
  return r.rowCount ?? 0;
}

export async function notificationState(db: Pg, siteId: string, staffId: string): Promise<NotificationState> {
  const row = await q1<{ unread: string; newest: string | null }>(
    db.pool,
    `SELECT (SELECT COUNT(*) FROM notifications WHERE staff_id = $1 AND site_id = $2 AND read_at IS NULL) AS unread,
            (SELECT MAX(id) FROM notifications WHERE staff_id = $1 AND site_id = $2) AS newest`,
    [staffId, siteId],
  );
  return { unread: Number(row?.unread ?? 0), newestId: row?.newest ?? null };
}

export async function claimNotificationRing(db: Pg, input: { siteId: string; staffId: string; id: string; at: number }): Promise<boolean> {
  const r = await db.pool.query('UPDATE notifications SET rung_at = $1 WHERE id = $2 AND staff_id = $3 AND site_id = $4 AND rung_at IS NULL', [input.at, input.id, input.staffId, input.siteId]);
  return (r.rowCount ?? 0) > 0;
}

export async function pruneNotifications(db: Pg, before: number, limit: number): Promise<number> {
  const r = await db.pool.query('DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE created_at < $1 LIMIT $2)', [before, limit]);
  return r.rowCount ?? 0;
}

export async function getNotificationPreferences(db: Pg, siteId: string, staffId: string): Promise<NotificationPreferences | null> {
  const row = await q1<{ preferences: NotificationPreferences }>(db.pool, 'SELECT preferences FROM notification_preferences WHERE staff_id = $1 AND site_id = $2', [staffId, siteId]);
  return row?.preferences ?? null;
}

export async function setNotificationPreferences(db: Pg, input: { siteId: string; staffId: string; preferences: NotificationPreferences; at: number }): Promise<void> {
  await q(
    db.pool,
    `INSERT INTO notification_preferences (staff_id, site_id, preferences, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (staff_id) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`,
    [input.staffId, input.siteId, JSON.stringify(input.preferences), input.at],
  );
}

export async function conversationAssignees(db: Pg, siteId: string, ids: string[]): Promise<Map<string, string | null>> {
  const rows = await q<{ id: string; assignee_id: string | null }>(db.pool, 'SELECT id, assignee_id FROM conversations WHERE id = ANY($1) AND site_id = $2', [ids, siteId]);
  return new Map(rows.map((r) => [r.id, r.assignee_id]));
}

export async function siteNotificationPreferences(db: Pg, siteId: string): Promise<Map<string, NotificationPreferences>> {
  const rows = await q<{ staff_id: string; preferences: NotificationPreferences }>(db.pool, 'SELECT staff_id, preferences FROM notification_preferences WHERE site_id = $1', [siteId]);
  return new Map(rows.map((r) => [r.staff_id, r.preferences]));
}
