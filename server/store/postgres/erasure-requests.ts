import type { ErasureRequest, ErasureRequestInfo, ErasureRequestStatus } from '../../../protocol/schema/privacy.ts';
import type { ErasureRequestStore, NewErasureRequest } from '../erasure-request-records.ts';
import { requestInfo as toInfo, visitorView, type ErasureRequestRow as Row } from '../erasure-request-records.ts';
import { enqueueDeliveries } from './webhooks.ts';
import { q, q1, tx, type Pg } from './db.ts';

/** Visitors' erasure requests on PostgreSQL (erasure-request-records.ts says the rules). */
// As SQLite's (sqlite/erasure-requests.ts): the visitor now, and their conversations with the merged ones'.
const SELECT = `SELECT r.id, r.status, r.requested_at, r.decided_at, r.decided_by, r.visitor_id,
  v.id AS v_id, v.label, v.name, v.email, v.identified,
  (SELECT count(*)::int FROM conversations c WHERE c.visitor_id = r.visitor_id OR c.visitor_id IN (SELECT m.id FROM visitors m WHERE m.merged_into = r.visitor_id)) AS conversations
  FROM erasure_requests r LEFT JOIN visitors v ON v.id = r.visitor_id`;

/**
 * The site's pending count and the visitor's open request are read under a per-site advisory lock, so
 * two visitors asking at once cannot both take the last place; the partial unique index keeps one
 * visitor to one pending request whatever happens.
 */
export function requestErasure(db: Pg, input: NewErasureRequest): ReturnType<ErasureRequestStore['requestErasure']> {
  return tx(db.pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley-erasure-requests:${input.siteId}`]);
    const known = await q1(c, 'SELECT 1 FROM visitors WHERE id = $1 AND site_id = $2', [input.visitorId, input.siteId]);
    if (!known) return { refused: 'unknown' as const };
    const open = await q1<Row>(c, `${SELECT} WHERE r.visitor_id = $1 AND r.status = 'pending'`, [input.visitorId]);
    if (open) return { request: visitorView(toInfo(open)), created: false };
    const pending = await q1<{ n: number }>(c, `SELECT count(*)::int AS n FROM erasure_requests WHERE site_id = $1 AND status = 'pending'`, [input.siteId]);
    if (pending!.n >= input.maxPendingPerSite) return { refused: 'full' as const };
    const id = input.id;
    await c.query(`INSERT INTO erasure_requests (id, site_id, visitor_id, status, requested_at) VALUES ($1, $2, $3, 'pending', $4)`, [id, input.siteId, input.visitorId, input.at]);
    if (input.deliveries?.length) await enqueueDeliveries(db, input.deliveries, c);
    return { request: { id, status: 'pending' as const, requestedAt: input.at, decidedAt: null }, created: true };
  });
}

export async function latestErasureRequest(db: Pg, siteId: string, visitorId: string): Promise<ErasureRequest | null> {
  const r = await q1<Row>(db.pool, `${SELECT} WHERE r.site_id = $1 AND r.visitor_id = $2 ORDER BY r.requested_at DESC, r.id DESC LIMIT 1`, [siteId, visitorId]);
  return r ? visitorView(toInfo(r)) : null;
}

export async function getErasureRequest(db: Pg, siteId: string, id: string): Promise<ErasureRequestInfo | null> {
  const r = await q1<Row>(db.pool, `${SELECT} WHERE r.site_id = $1 AND r.id = $2`, [siteId, id]);
  return r ? toInfo(r) : null;
}

export async function listErasureRequests(db: Pg, siteId: string, status: ErasureRequestStatus, limit: number): Promise<ErasureRequestInfo[]> {
  const order = status === 'pending' ? 'ASC' : 'DESC';
  const rows = await q<Row>(db.pool, `${SELECT} WHERE r.site_id = $1 AND r.status = $2 ORDER BY coalesce(r.decided_at, r.requested_at) ${order}, r.id ${order} LIMIT $3`, [siteId, status, limit]);
  return rows.map(toInfo);
}

export async function countPendingErasureRequests(db: Pg, siteId: string): Promise<number> {
  return (await q1<{ n: number }>(db.pool, `SELECT count(*)::int AS n FROM erasure_requests WHERE site_id = $1 AND status = 'pending'`, [siteId]))!.n;
}

export async function declineErasureRequest(db: Pg, input: { siteId: string; id: string; by: string; at: number }): Promise<ErasureRequestInfo | null> {
  const done = await q(db.pool, `UPDATE erasure_requests SET status = 'declined', decided_at = $1, decided_by = $2 WHERE id = $3 AND site_id = $4 AND status = 'pending' RETURNING id`, [input.at, input.by, input.id, input.siteId]);
  return done.length ? getErasureRequest(db, input.siteId, input.id) : null;
}
