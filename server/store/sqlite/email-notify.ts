import type { EmailNotifyRow, NewOutboxEmail, NotifyAudience } from '../email-records.ts';
import { toNotify, type NotifyRow } from '../email-rows.ts';
import type { Db } from './db.ts';
import { enqueueEmails } from './email-outbox.ts';

/** Notification state, opt-outs and event-log follower cursors on SQLite (the rules: ../email-records.ts). */

export function markEmailNotify(db: Db, input: { siteId: string; conversationId: string; audience: NotifyAudience; seq: number; dueAt: number }): void {
  db.st(
    `INSERT INTO email_notify (conversation_id, audience, site_id, pending_seq, notified_seq, due_at) VALUES (?, ?, ?, ?, 0, ?)
     ON CONFLICT (conversation_id, audience) DO UPDATE SET
       pending_seq = MAX(pending_seq, excluded.pending_seq),
       due_at = COALESCE(due_at, excluded.due_at)
     WHERE excluded.pending_seq > email_notify.notified_seq`,
  ).run(input.conversationId, input.audience, input.siteId, input.seq, input.dueAt);
}

export function claimDueEmailNotify(db: Db, input: { owner: string; now: number; leaseMs: number; limit: number }): EmailNotifyRow[] {
  const rows = db
    .st(
      `UPDATE email_notify SET lease_owner = ?, lease_until = ?
       WHERE (conversation_id, audience) IN (SELECT conversation_id, audience FROM email_notify
         WHERE due_at IS NOT NULL AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at LIMIT ?)
       RETURNING site_id, conversation_id, audience, pending_seq, notified_seq, due_at`,
    )
    .all(input.owner, input.now + input.leaseMs, input.now, input.now, input.limit) as NotifyRow[];
  return rows.map(toNotify);
}

export function settleEmailNotify(
  db: Db,
  input: { conversationId: string; audience: NotifyAudience; owner: string; notifiedSeq: number; nextDueAt: number | null; now: number; emails: NewOutboxEmail[] },
): boolean {
  return db.raw.transaction((): boolean => {
    const row = db
      .st('SELECT pending_seq, notified_seq FROM email_notify WHERE conversation_id = ? AND audience = ? AND lease_owner = ?')
      .get(input.conversationId, input.audience, input.owner) as { pending_seq: number; notified_seq: number } | undefined;
    if (!row) return false;
    enqueueEmails(db, input.emails);
    const notified = Math.max(row.notified_seq, input.notifiedSeq);
    const due = row.pending_seq > notified ? (input.nextDueAt ?? input.now) : null;
    db.st('UPDATE email_notify SET notified_seq = ?, due_at = ?, lease_owner = NULL, lease_until = NULL WHERE conversation_id = ? AND audience = ?').run(
      notified,
      due,
      input.conversationId,
      input.audience,
    );
    return true;
  }).immediate();
}

export function getEmailNotify(db: Db, conversationId: string, audience: NotifyAudience): EmailNotifyRow | null {
  const r = db
    .st('SELECT site_id, conversation_id, audience, pending_seq, notified_seq, due_at FROM email_notify WHERE conversation_id = ? AND audience = ?')
    .get(conversationId, audience) as NotifyRow | undefined;
  return r ? toNotify(r) : null;
}

export function setEmailOptOut(db: Db, input: { siteId: string; kind: 'visitor' | 'staff'; id: string; optedOut: boolean; at: number; addressKey?: string }): void {
  db.raw.transaction(() => {
    if (input.optedOut) {
      db.st('INSERT INTO email_optouts (kind, id, site_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(input.kind, input.id, input.siteId, input.at);
      if (input.addressKey) db.st('INSERT INTO email_address_optouts (site_id, address_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(input.siteId, input.addressKey, input.at);
    } else {
      db.st('DELETE FROM email_optouts WHERE kind = ? AND id = ?').run(input.kind, input.id);
      if (input.addressKey) db.st('DELETE FROM email_address_optouts WHERE site_id = ? AND address_key = ?').run(input.siteId, input.addressKey);
    }
  })();
}

export function emailAddressOptedOut(db: Db, siteId: string, addressKey: string): boolean {
  return !!db.st('SELECT 1 FROM email_address_optouts WHERE site_id = ? AND address_key = ?').get(siteId, addressKey);
}

export function emailOptedOut(db: Db, kind: 'visitor' | 'staff', ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = db.raw
    .prepare(`SELECT id FROM email_optouts WHERE kind = ? AND id IN (${ids.map(() => '?').join(', ')})`)
    .pluck()
    .all(kind, ...ids) as string[];
  return new Set(rows);
}

export function claimLogFollower(db: Db, input: { name: string; siteId: string; owner: string; now: number; leaseMs: number }): number | null {
  const r = db
    .st(
      `INSERT INTO log_followers (name, site_id, cursor, lease_owner, lease_until) VALUES (?, ?, 0, ?, ?)
       ON CONFLICT (name, site_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
       WHERE log_followers.lease_owner IS NULL OR log_followers.lease_owner = excluded.lease_owner OR log_followers.lease_until <= ?
       RETURNING cursor`,
    )
    .get(input.name, input.siteId, input.owner, input.now + input.leaseMs, input.now) as { cursor: number } | undefined;
  return r ? r.cursor : null;
}

export function saveLogFollower(db: Db, input: { name: string; siteId: string; owner: string; cursor: number; now: number; leaseMs: number }): boolean {
  return (
    db
      .st('UPDATE log_followers SET cursor = MAX(cursor, ?), lease_until = ? WHERE name = ? AND site_id = ? AND lease_owner = ?')
      .run(input.cursor, input.now + input.leaseMs, input.name, input.siteId, input.owner).changes > 0
  );
}
