import type { ErasureRequest, ErasureRequestInfo, ErasureRequestStatus } from '../../../protocol/schema/privacy.ts';
import type { ErasureRequestStore, NewErasureRequest } from '../erasure-request-records.ts';
import { requestInfo as toInfo, visitorView, type ErasureRequestRow as Row } from '../erasure-request-records.ts';
import { enqueueDeliveries } from './webhooks.ts';
import type { Db } from './db.ts';

/** Visitors' erasure requests on SQLite (erasure-request-records.ts says the rules). */
// The visitor as they are now (gone once erased) and their conversations, those of anonymous records
// merged into them included (what an erasure of them takes).
const SELECT = `SELECT r.id, r.status, r.requested_at, r.decided_at, r.decided_by, r.visitor_id,
  v.id AS v_id, v.label, v.name, v.email, v.identified,
  (SELECT count(*) FROM conversations c WHERE c.visitor_id = r.visitor_id OR c.visitor_id IN (SELECT m.id FROM visitors m WHERE m.merged_into = r.visitor_id)) AS conversations
  FROM erasure_requests r LEFT JOIN visitors v ON v.id = r.visitor_id`;

export function requestErasure(db: Db, input: NewErasureRequest): Awaited<ReturnType<ErasureRequestStore['requestErasure']>> {
  return db.raw.transaction(() => {
    const known = db.st('SELECT 1 FROM visitors WHERE id = ? AND site_id = ?').get(input.visitorId, input.siteId);
    if (!known) return { refused: 'unknown' as const };
    const open = db.st(`${SELECT} WHERE r.visitor_id = ? AND r.status = 'pending'`).get(input.visitorId) as Row | undefined;
    if (open) return { request: visitorView(toInfo(open)), created: false };
    const pending = db.st(`SELECT count(*) FROM erasure_requests WHERE site_id = ? AND status = 'pending'`).pluck().get(input.siteId) as number;
    if (pending >= input.maxPendingPerSite) return { refused: 'full' as const };
    const id = input.id;
    db.st(`INSERT INTO erasure_requests (id, site_id, visitor_id, status, requested_at) VALUES (?, ?, ?, 'pending', ?)`).run(id, input.siteId, input.visitorId, input.at);
    if (input.deliveries?.length) enqueueDeliveries(db, input.deliveries);
    return { request: { id, status: 'pending' as const, requestedAt: input.at, decidedAt: null }, created: true };
  })();
}

export function latestErasureRequest(db: Db, siteId: string, visitorId: string): ErasureRequest | null {
  const r = db.st(`${SELECT} WHERE r.site_id = ? AND r.visitor_id = ? ORDER BY r.requested_at DESC, r.rowid DESC LIMIT 1`).get(siteId, visitorId) as Row | undefined;
  return r ? visitorView(toInfo(r)) : null;
}

export function getErasureRequest(db: Db, siteId: string, id: string): ErasureRequestInfo | null {
  const r = db.st(`${SELECT} WHERE r.site_id = ? AND r.id = ?`).get(siteId, id) as Row | undefined;
  return r ? toInfo(r) : null;
}

export function listErasureRequests(db: Db, siteId: string, status: ErasureRequestStatus, limit: number): ErasureRequestInfo[] {
  const order = status === 'pending' ? 'ASC' : 'DESC';
  const rows = db.st(`${SELECT} WHERE r.site_id = ? AND r.status = ? ORDER BY coalesce(r.decided_at, r.requested_at) ${order}, r.id ${order} LIMIT ?`).all(siteId, status, limit) as Row[];
  return rows.map(toInfo);
}

export function countPendingErasureRequests(db: Db, siteId: string): number {
  return db.st(`SELECT count(*) FROM erasure_requests WHERE site_id = ? AND status = 'pending'`).pluck().get(siteId) as number;
}

export function declineErasureRequest(db: Db, input: { siteId: string; id: string; by: string; at: number }): ErasureRequestInfo | null {
  const done = db.st(`UPDATE erasure_requests SET status = 'declined', decided_at = ?, decided_by = ? WHERE id = ? AND site_id = ? AND status = 'pending'`).run(input.at, input.by, input.id, input.siteId);
  return done.changes ? getErasureRequest(db, input.siteId, input.id) : null;
}

/** Inside an erasure's transaction: the erased visitors' pending requests are carried out. */
export function confirmErasureRequests(db: Db, visitorIds: string[], by: string | undefined, at: number): void {
  const st = db.st(`UPDATE erasure_requests SET status = 'confirmed', decided_at = ?, decided_by = ? WHERE visitor_id = ? AND status = 'pending'`);
  for (const id of visitorIds) st.run(at, by ?? null, id);
}
