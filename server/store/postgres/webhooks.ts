import { newId, newOrderedId } from '../ids.ts';
import {
  DELIVERY_COLUMNS, outcomeValues, toDelivery, toWebhook, WEBHOOK_COLUMNS,
  type DeliveryOutcome, type DeliveryRow, type NewDelivery, type NewWebhookEndpoint, type WebhookDelivery, type WebhookEndpoint, type WebhookPatch, type WebhookRow,
} from '../webhook-records.ts';
import { q, q1, type Pg, type Queryable } from './db.ts';

/**
 * Webhook endpoints and deliveries on PostgreSQL (the rules: ../webhook-records.ts). Claims lock the
 * rows they take with SKIP LOCKED, so processes claiming at once take different deliveries.
 */
export async function createWebhook(db: Pg, w: NewWebhookEndpoint): Promise<WebhookEndpoint> {
  const id = newId('whk');
  await db.pool.query('INSERT INTO webhook_endpoints (id, site_id, url, description, events, include_notes, secret, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    id, w.siteId, w.url, w.description, w.events.join(','), w.includeNotes, w.secret, 'active', w.at,
  ]);
  return { id, siteId: w.siteId, url: w.url, description: w.description, events: [...w.events], includeNotes: w.includeNotes, secret: w.secret, status: 'active', createdAt: w.at };
}

export async function listWebhooks(db: Pg, siteId: string): Promise<WebhookEndpoint[]> {
  return (await q<WebhookRow>(db.pool, `SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE site_id = $1 ORDER BY created_at, id`, [siteId])).map(toWebhook);
}

export async function getWebhook(db: Pg, siteId: string, id: string): Promise<WebhookEndpoint | null> {
  const row = await q1<WebhookRow>(db.pool, `SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND site_id = $2`, [id, siteId]);
  return row ? toWebhook(row) : null;
}

export async function updateWebhook(db: Pg, siteId: string, id: string, patch: WebhookPatch): Promise<WebhookEndpoint | null> {
  const sets: string[] = [];
  const args: unknown[] = [];
  const set = (col: string, v: unknown) => (args.push(v), sets.push(`${col} = $${args.length}`));
  if (patch.url !== undefined) set('url', patch.url);
  if (patch.description !== undefined) set('description', patch.description);
  if (patch.events !== undefined) set('events', patch.events.join(','));
  if (patch.includeNotes !== undefined) set('include_notes', patch.includeNotes);
  if (patch.status !== undefined) set('status', patch.status);
  if (patch.secret !== undefined) set('secret', patch.secret);
  if (sets.length) await db.pool.query(`UPDATE webhook_endpoints SET ${sets.join(', ')} WHERE id = $${args.length + 1} AND site_id = $${args.length + 2}`, [...args, id, siteId]);
  return getWebhook(db, siteId, id);
}

export async function deleteWebhook(db: Pg, siteId: string, id: string): Promise<boolean> {
  const r = await db.pool.query('DELETE FROM webhook_endpoints WHERE id = $1 AND site_id = $2', [id, siteId]);
  if (!r.rowCount) return false;
  await db.pool.query('DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
  return true;
}

export async function enqueueDeliveries(db: Pg, list: NewDelivery[], on: Queryable = db.pool): Promise<number> {
  let n = 0;
  for (const d of list) {
    const r = await on.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, site_id, kind, event_cursor, body, dedupe_key, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
      [newOrderedId('dlv', d.at), d.endpointId, d.siteId, d.kind, d.eventCursor, d.body, d.dedupeKey, d.at],
    );
    n += r.rowCount ?? 0;
  }
  return n;
}

export async function claimDeliveries(db: Pg, input: { owner: string; now: number; leaseMs: number; limit: number }): Promise<WebhookDelivery[]> {
  const rows = await q<DeliveryRow>(
    db.pool,
    `UPDATE webhook_deliveries SET status = 'sending', lease_owner = $1, lease_until = $2, attempts = attempts + 1
     WHERE id IN (SELECT id FROM webhook_deliveries
       WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until <= $3)
       ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING ${DELIVERY_COLUMNS}`,
    [input.owner, input.now + input.leaseMs, input.now, input.limit],
  );
  return rows.map(toDelivery).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1));
}

export async function settleDelivery(db: Pg, input: { id: string; owner: string; outcome: DeliveryOutcome }): Promise<boolean> {
  const [status, next, httpStatus, error, deliveredAt] = outcomeValues(input.outcome);
  const r = await db.pool.query(
    `UPDATE webhook_deliveries SET status = $1, next_attempt_at = COALESCE($2, next_attempt_at), last_status = $3, last_error = $4, delivered_at = COALESCE($5, delivered_at),
       lease_owner = NULL, lease_until = NULL WHERE id = $6 AND lease_owner = $7 AND status = 'sending'`,
    [status, next, httpStatus, error, deliveredAt, input.id, input.owner],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function listDeliveries(db: Pg, input: { siteId: string; endpointId: string; before?: string | null; limit: number }): Promise<WebhookDelivery[]> {
  const rows = input.before
    ? await q<DeliveryRow>(db.pool, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE site_id = $1 AND endpoint_id = $2 AND id < $3 ORDER BY id DESC LIMIT $4`, [input.siteId, input.endpointId, input.before, input.limit])
    : await q<DeliveryRow>(db.pool, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE site_id = $1 AND endpoint_id = $2 ORDER BY id DESC LIMIT $3`, [input.siteId, input.endpointId, input.limit]);
  return rows.map(toDelivery);
}

export async function getDelivery(db: Pg, siteId: string, id: string): Promise<WebhookDelivery | null> {
  const row = await q1<DeliveryRow>(db.pool, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND site_id = $2`, [id, siteId]);
  return row ? toDelivery(row) : null;
}

export async function resendDelivery(db: Pg, siteId: string, id: string, now: number): Promise<boolean> {
  const r = await db.pool.query(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1 WHERE id = $2 AND site_id = $3 AND status <> 'sending'`, [now, id, siteId]);
  return (r.rowCount ?? 0) > 0;
}
