import type { NewOutboxEmail, OutboxEmail, OutboxOutcome, OutboxQuery } from '../email-records.ts';
import { errorText, OUTBOX_INSERT_COLUMNS, outboxValues, toOutboxEmail, type OutboxRow } from '../email-rows.ts';
import type { Db } from './db.ts';

/** The email outbox on SQLite (the rules: ../email-records.ts). One connection writes, so a claim is one UPDATE. */

const toEmail = (r: OutboxRow): OutboxEmail => toOutboxEmail(r, (v) => JSON.parse(v as string));

export function enqueueEmails(db: Db, emails: NewOutboxEmail[]): number {
  const insert = db.st(`INSERT INTO email_outbox (${OUTBOX_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`);
  return db.raw.transaction(() => emails.reduce((n, e) => n + insert.run(...outboxValues(e)).changes, 0))();
}

export function claimOutbox(db: Db, input: { owner: string; now: number; leaseMs: number; limit: number }): OutboxEmail[] {
  const rows = db
    .st(
      `UPDATE email_outbox SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM email_outbox WHERE status IN ('queued', 'sending')
         AND ((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?))
         ORDER BY next_attempt_at LIMIT ?)
       RETURNING *`,
    )
    .all(input.owner, input.now + input.leaseMs, input.now, input.now, input.limit) as OutboxRow[];
  return rows.map(toEmail);
}

export function settleOutbox(db: Db, input: { id: string; owner: string; outcome: OutboxOutcome }): boolean {
  const o = input.outcome;
  const set =
    o.status === 'sent'
      ? db.st(`UPDATE email_outbox SET status = 'sent', sent_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL
               WHERE id = ? AND lease_owner = ? AND status = 'sending'`).run(o.at, input.id, input.owner)
      : o.status === 'queued'
        ? db.st(`UPDATE email_outbox SET status = 'queued', next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
                 WHERE id = ? AND lease_owner = ? AND status = 'sending'`).run(o.retryAt, errorText(o.error), input.id, input.owner)
        : db.st(`UPDATE email_outbox SET status = 'failed', last_error = ?, lease_owner = NULL, lease_until = NULL
                 WHERE id = ? AND lease_owner = ? AND status = 'sending'`).run(errorText(o.error), input.id, input.owner);
  return set.changes > 0;
}

export function listOutbox(db: Db, q: OutboxQuery): OutboxEmail[] {
  const where = ['site_id = ?'];
  const args: unknown[] = [q.siteId];
  if (q.status) {
    where.push('status = ?');
    args.push(q.status);
  }
  if (q.before) {
    where.push('(created_at < ? OR (created_at = ? AND id < ?))');
    args.push(q.before.createdAt, q.before.createdAt, q.before.id);
  }
  const sql = `SELECT * FROM email_outbox WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`;
  return (db.st(sql).all(...args, q.limit) as OutboxRow[]).map(toEmail);
}

export function getOutboxEmail(db: Db, siteId: string, id: string): OutboxEmail | null {
  const r = db.st('SELECT * FROM email_outbox WHERE id = ? AND site_id = ?').get(id, siteId) as OutboxRow | undefined;
  return r ? toEmail(r) : null;
}

export function retryOutbox(db: Db, input: { siteId: string; id: string; now: number }): boolean {
  return (
    db.st(`UPDATE email_outbox SET status = 'queued', next_attempt_at = ? WHERE id = ? AND site_id = ? AND status = 'failed'`).run(input.now, input.id, input.siteId)
      .changes > 0
  );
}

export function purgeOutbox(db: Db, before: number, limit: number): number {
  return db
    .st(`DELETE FROM email_outbox WHERE id IN (SELECT id FROM email_outbox WHERE status IN ('sent', 'failed') AND created_at < ? LIMIT ?)`)
    .run(before, limit).changes;
}
