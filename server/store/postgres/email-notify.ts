import type { EmailNotifyRow, NewOutboxEmail, NotifyAudience } from '../email-records.ts';
import { toNotify, type NotifyRow } from '../email-rows.ts';
import { q, q1, tx, type Pg } from './db.ts';
import { enqueueOn } from './email-outbox.ts';

/** Notification state, opt-outs and event-log follower cursors on PostgreSQL (the rules: ../email-records.ts). */

const NOTIFY_COLUMNS = 'site_id, conversation_id, audience, pending_seq, notified_seq, due_at';

export async function markEmailNotify(db: Pg, input: { siteId: string; conversationId: string; audience: NotifyAudience; seq: number; dueAt: number }): Promise<void> {
  await db.pool.query(
    `INSERT INTO email_notify (conversation_id, audience, site_id, pending_seq, notified_seq, due_at) VALUES ($1, $2, $3, $4, 0, $5)
     ON CONFLICT (conversation_id, audience) DO UPDATE SET
       pending_seq = GREATEST(email_notify.pending_seq, excluded.pending_seq),
       due_at = COALESCE(email_notify.due_at, excluded.due_at)
     WHERE excluded.pending_seq > email_notify.notified_seq`,
    [input.conversationId, input.audience, input.siteId, input.seq, input.dueAt],
  );
}

export async function claimDueEmailNotify(db: Pg, input: { owner: string; now: number; leaseMs: number; limit: number }): Promise<EmailNotifyRow[]> {
  const rows = await q<NotifyRow>(
    db.pool,
    `UPDATE email_notify SET lease_owner = $1, lease_until = $2
     WHERE (conversation_id, audience) IN (SELECT conversation_id, audience FROM email_notify
       WHERE due_at IS NOT NULL AND due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3) ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING ${NOTIFY_COLUMNS}`,
    [input.owner, input.now + input.leaseMs, input.now, input.limit],
  );
  return rows.map(toNotify);
}

export function settleEmailNotify(
  db: Pg,
  input: { conversationId: string; audience: NotifyAudience; owner: string; notifiedSeq: number; nextDueAt: number | null; now: number; emails: NewOutboxEmail[] },
): Promise<boolean> {
  return tx(db.pool, async (c) => {
    const row = await q1<{ pending_seq: number; notified_seq: number }>(
      c,
      'SELECT pending_seq, notified_seq FROM email_notify WHERE conversation_id = $1 AND audience = $2 AND lease_owner = $3 FOR UPDATE',
      [input.conversationId, input.audience, input.owner],
    );
    if (!row) return false;
    await enqueueOn(c, input.emails);
    const notified = Math.max(row.notified_seq, input.notifiedSeq);
    const due = row.pending_seq > notified ? (input.nextDueAt ?? input.now) : null;
    await c.query('UPDATE email_notify SET notified_seq = $1, due_at = $2, lease_owner = NULL, lease_until = NULL WHERE conversation_id = $3 AND audience = $4', [
      notified,
      due,
      input.conversationId,
      input.audience,
    ]);
    return true;
  });
}

export async function getEmailNotify(db: Pg, conversationId: string, audience: NotifyAudience): Promise<EmailNotifyRow | null> {
  const r = await q1<NotifyRow>(db.pool, `SELECT ${NOTIFY_COLUMNS} FROM email_notify WHERE conversation_id = $1 AND audience = $2`, [conversationId, audience]);
  return r ? toNotify(r) : null;
}

export async function setEmailOptOut(db: Pg, input: { siteId: string; kind: 'visitor' | 'staff'; id: string; optedOut: boolean; at: number; addressKey?: string }): Promise<void> {
  await tx(db.pool, async (c) => {
    if (input.optedOut) {
      await c.query('INSERT INTO email_optouts (kind, id, site_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [input.kind, input.id, input.siteId, input.at]);
      if (input.addressKey) await c.query('INSERT INTO email_address_optouts (site_id, address_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [input.siteId, input.addressKey, input.at]);
    } else {
      await c.query('DELETE FROM email_optouts WHERE kind = $1 AND id = $2', [input.kind, input.id]);
      if (input.addressKey) await c.query('DELETE FROM email_address_optouts WHERE site_id = $1 AND address_key = $2', [input.siteId, input.addressKey]);
    }
  });
}

export async function emailAddressOptedOut(db: Pg, siteId: string, addressKey: string): Promise<boolean> {
  return (await q1(db.pool, 'SELECT 1 FROM email_address_optouts WHERE site_id = $1 AND address_key = $2', [siteId, addressKey])) !== undefined;
}

export async function emailOptedOut(db: Pg, kind: 'visitor' | 'staff', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q<{ id: string }>(db.pool, 'SELECT id FROM email_optouts WHERE kind = $1 AND id = ANY($2)', [kind, ids]);
  return new Set(rows.map((r) => r.id));
}

export async function claimLogFollower(db: Pg, input: { name: string; siteId: string; owner: string; now: number; leaseMs: number }): Promise<number | null> {
  const r = await q1<{ cursor: number }>(
    db.pool,
    `INSERT INTO log_followers (name, site_id, cursor, lease_owner, lease_until) VALUES ($1, $2, 0, $3, $4)
     ON CONFLICT (name, site_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
     WHERE log_followers.lease_owner IS NULL OR log_followers.lease_owner = excluded.lease_owner OR log_followers.lease_until <= $5
     RETURNING cursor`,
    [input.name, input.siteId, input.owner, input.now + input.leaseMs, input.now],
  );
  return r ? r.cursor : null;
}

export async function saveLogFollower(db: Pg, input: { name: string; siteId: string; owner: string; cursor: number; now: number; leaseMs: number }): Promise<boolean> {
  const r = await db.pool.query('UPDATE log_followers SET cursor = GREATEST(cursor, $1), lease_until = $2 WHERE name = $3 AND site_id = $4 AND lease_owner = $5', [
    input.cursor,
    input.now + input.leaseMs,
    input.name,
    input.siteId,
    input.owner,
  ]);
  return (r.rowCount ?? 0) > 0;
}
