import { newId, newOrderedId } from '../ids.ts';
import {
  DELIVERY_COLUMNS, outcomeValues, toDelivery, toWebhook, WEBHOOK_COLUMNS,
  type DeliveryOutcome, type DeliveryRow, type NewDelivery, type NewWebhookEndpoint, type WebhookDelivery, type WebhookEndpoint, type WebhookPatch, type WebhookRow,
} from '../webhook-records.ts';
import type { Db } from './db.ts';

/** Webhook endpoints and deliveries on SQLite (the rules: ../webhook-records.ts). Writes run on the store's write queue. */
export function createWebhook(db: Db, w: NewWebhookEndpoint): WebhookEndpoint {
  const id = newId('whk');
  db.st('INSERT INTO webhook_endpoints (id, site_id, url, description, events, include_notes, secret, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    id, w.siteId, w.url, w.description, w.events.join(','), w.includeNotes ? 1 : 0, w.secret, 'active', w.at,
  );
  return { id, siteId: w.siteId, url: w.url, description: w.description, events: [...w.events], includeNotes: w.includeNotes, secret: w.secret, status: 'active', createdAt: w.at };
}

export function listWebhooks(db: Db, siteId: string): WebhookEndpoint[] {
  return (db.st(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE site_id = ? ORDER BY created_at, id`).all(siteId) as WebhookRow[]).map(toWebhook);
}

export function getWebhook(db: Db, siteId: string, id: string): WebhookEndpoint | null {
  const row = db.st(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE id = ? AND site_id = ?`).get(id, siteId) as WebhookRow | undefined;
  return row ? toWebhook(row) : null;
}

export function updateWebhook(db: Db, siteId: string, id: string, patch: WebhookPatch): WebhookEndpoint | null {
  const sets: string[] = [];
  const args: unknown[] = [];
  const set = (col: string, v: unknown) => (sets.push(`${col} = ?`), args.push(v));
  if (patch.url !== undefined) set('url', patch.url);
  if (patch.description !== undefined) set('description', patch.description);
  if (patch.events !== undefined) set('events', patch.events.join(','));
  if (patch.includeNotes !== undefined) set('include_notes', patch.includeNotes ? 1 : 0);
  if (patch.status !== undefined) set('status', patch.status);
  if (patch.secret !== undefined) set('secret', patch.secret);
  if (sets.length) db.st(`UPDATE webhook_endpoints SET ${sets.join(', ')} WHERE id = ? AND site_id = ?`).run(...args, id, siteId);
  return getWebhook(db, siteId, id);
}

export function deleteWebhook(db: Db, siteId: string, id: string): boolean {
  const gone = db.st('DELETE FROM webhook_endpoints WHERE id = ? AND site_id = ?').run(id, siteId).changes > 0;
  if (gone) db.st('DELETE FROM webhook_deliveries WHERE endpoint_id = ?').run(id);
  return gone;
}

export function enqueueDeliveries(db: Db, list: NewDelivery[]): number {
  const insert = db.st(
    `INSERT INTO webhook_deliveries (id, endpoint_id, site_id, kind, event_cursor, body, dedupe_key, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  let n = 0;
  for (const d of list) n += insert.run(newOrderedId('dlv', d.at), d.endpointId, d.siteId, d.kind, d.eventCursor, d.body, d.dedupeKey, d.at, d.at).changes;
  return n;
}

export function claimDeliveries(db: Db, input: { owner: string; now: number; leaseMs: number; limit: number }): WebhookDelivery[] {
  const rows = db.st(
    `UPDATE webhook_deliveries SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1
     WHERE id IN (SELECT id FROM webhook_deliveries
       WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?)
       ORDER BY next_attempt_at LIMIT ?)
     RETURNING ${DELIVERY_COLUMNS}`,
  ).all(input.owner, input.now + input.leaseMs, input.now, input.now, input.limit) as DeliveryRow[];
  return rows.map(toDelivery).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1));
}

export function settleDelivery(db: Db, input: { id: string; owner: string; outcome: DeliveryOutcome }): boolean {
  const [status, next, httpStatus, error, deliveredAt] = outcomeValues(input.outcome);
  return (
    db.st(
      `UPDATE webhook_deliveries SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_status = ?, last_error = ?, delivered_at = COALESCE(?, delivered_at),
         lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'sending'`,
    ).run(status, next, httpStatus, error, deliveredAt, input.id, input.owner).changes > 0
  );
}

export function listDeliveries(db: Db, input: { siteId: string; endpointId: string; before?: string | null; limit: number }): WebhookDelivery[] {
  const rows = input.before
    ? db.st(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE site_id = ? AND endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT ?`).all(input.siteId, input.endpointId, input.before, input.limit)
    : db.st(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE site_id = ? AND endpoint_id = ? ORDER BY id DESC LIMIT ?`).all(input.siteId, input.endpointId, input.limit);
  return (rows as DeliveryRow[]).map(toDelivery);
}

export function getDelivery(db: Db, siteId: string, id: string): WebhookDelivery | null {
  const row = db.st(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ? AND site_id = ?`).get(id, siteId) as DeliveryRow | undefined;
  return row ? toDelivery(row) : null;
}

export function resendDelivery(db: Db, siteId: string, id: string, now: number): boolean {
  return db.st(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND site_id = ? AND status <> 'sending'`).run(now, id, siteId).changes > 0;
}
