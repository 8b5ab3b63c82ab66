import type { NewOutboxEmail, OutboxEmail, OutboxOutcome, OutboxQuery } from '../email-records.ts';
import { errorText, OUTBOX_INSERT_COLUMNS, outboxValues, toOutboxEmail, type OutboxRow } from '../email-rows.ts';
import { q, q1, type Pg, type Queryable } from './db.ts';

/**
 * The email outbox on PostgreSQL (the rules: ../email-records.ts). Claims lock the rows they take
 * with SKIP LOCKED, so processes claiming at once take different emails instead of waiting.
 */

const toEmail = (r: OutboxRow): OutboxEmail => toOutboxEmail(r, (v) => v as Record<string, string>);
const PLACEHOLDERS = Array.from({ length: 14 }, (_, i) => `$${i + 1}`).join(', ');

export async function enqueueOn(on: Queryable, emails: NewOutboxEmail[]): Promise<number> {
  let n = 0;
  for (const e of emails) {
    const r = await on.query(`INSERT INTO email_outbox (${OUTBOX_INSERT_COLUMNS}) VALUES (${PLACEHOLDERS}) ON CONFLICT (dedupe_key) DO NOTHING`, outboxValues(e));
    n += r.rowCount ?? 0;
  }
  return n;
}

export const enqueueEmails = (db: Pg, emails: NewOutboxEmail[]): Promise<number> => enqueueOn(db.pool, emails);

export async function claimOutbox(db: Pg, input: { owner: string; now: number; leaseMs: number; limit: number }): Promise<OutboxEmail[]> {
  const rows = await q<OutboxRow>(
    db.pool,
    `UPDATE email_outbox SET status = 'sending', lease_owner = $1, lease_until = $2, attempts = attempts + 1
     WHERE id IN (SELECT id FROM email_outbox WHERE status IN ('queued', 'sending')
       AND ((status = 'queued' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until <= $3))
       ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [input.owner, input.now + input.leaseMs, input.now, input.limit],
  );
  return rows.map(toEmail);
}

export async function settleOutbox(db: Pg, input: { id: string; owner: string; outcome: OutboxOutcome }): Promise<boolean> {
  const o = input.outcome;
  const guard = `WHERE id = $1 AND lease_owner = $2 AND status = 'sending'`;
  const r =
    o.status === 'sent'
      ? await db.pool.query(`UPDATE email_outbox SET status = 'sent', sent_at = $3, last_error = NULL, lease_owner = NULL, lease_until = NULL ${guard}`, [input.id, input.owner, o.at])
      : o.status === 'queued'
        ? await db.pool.query(`UPDATE email_outbox SET status = 'queued', next_attempt_at = $3, last_error = $4, lease_owner = NULL, lease_until = NULL ${guard}`, [
            input.id,
            input.owner,
            o.retryAt,
            errorText(o.error),
          ])
        : await db.pool.query(`UPDATE email_outbox SET status = 'failed', last_error = $3, lease_owner = NULL, lease_until = NULL ${guard}`, [
            input.id,
            input.owner,
            errorText(o.error),
          ]);
  return (r.rowCount ?? 0) > 0;
}

export async function listOutbox(db: Pg, query: OutboxQuery): Promise<OutboxEmail[]> {
  const where = ['site_id = $1'];
  const args: unknown[] = [query.siteId];
  if (query.status) {
    args.push(query.status);
    where.push(`status = $${args.length}`);
  }
  if (query.before) {
    args.push(query.before.createdAt, query.before.id);
    where.push(`(created_at, id) < ($${args.length - 1}, $${args.length})`);
  }
  args.push(query.limit);
  const rows = await q<OutboxRow>(db.pool, `SELECT * FROM email_outbox WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${args.length}`, args);
  return rows.map(toEmail);
}

export async function getOutboxEmail(db: Pg, siteId: string, id: string): Promise<OutboxEmail | null> {
  const r = await q1<OutboxRow>(db.pool, 'SELECT * FROM email_outbox WHERE id = $1 AND site_id = $2', [id, siteId]);
  return r ? toEmail(r) : null;
}

export async function retryOutbox(db: Pg, input: { siteId: string; id: string; now: number }): Promise<boolean> {
  const r = await db.pool.query(`UPDATE email_outbox SET status = 'queued', next_attempt_at = $1 WHERE id = $2 AND site_id = $3 AND status = 'failed'`, [
    input.now,
    input.id,
    input.siteId,
  ]);
  return (r.rowCount ?? 0) > 0;
}

export async function purgeOutbox(db: Pg, before: number, limit: number): Promise<number> {
  const r = await db.pool.query(
    `DELETE FROM email_outbox WHERE id IN (SELECT id FROM email_outbox WHERE status IN ('sent', 'failed') AND created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [before, limit],
  );
  return r.rowCount ?? 0;
}
