import type { ErasureRequest, ErasureRequestInfo, ErasureRequestStatus } from '../../protocol/schema/privacy.ts';
import type { NewDelivery } from './webhook-records.ts';

/**
 * The Store's part for visitors' erasure requests (issue 20: "a visitor can ask for erasure from the
 * widget, a request the admin confirms"). Run on every implementation by erasure-requests.suite.ts.
 *
 * A request belongs to one visitor of one site and is pending, then confirmed or declined, once. A
 * visitor has at most one pending request (asking again answers it); a site at most `maxPendingPerSite`.
 * Confirming is an erasure (PrivacyStore.eraseVisitor), which marks the visitor's pending requests
 * confirmed in its own transaction, so a request is never left pending for data that is gone.
 */
export interface ErasureRequestStore {
  /**
   * The visitor's pending request, or a new one (with `id`, and its `deliveries` stored in the same transaction). `full` (nothing written) when the site already has
   * `maxPendingPerSite` pending; `unknown` when the visitor is not (or no longer) of that site.
   */
  requestErasure(input: NewErasureRequest): Promise<{ request: ErasureRequest; created: boolean } | { refused: 'full' | 'unknown' }>;
  /** The visitor's latest request (pending or decided), or null. */
  latestErasureRequest(siteId: string, visitorId: string): Promise<ErasureRequest | null>;
  /** One request of the site, as admins see it; null when there is none (or it is another site's). */
  getErasureRequest(siteId: string, id: string): Promise<ErasureRequestInfo | null>;
  /** The site's requests with that status: pending oldest first, decided newest first; at most `limit`. */
  listErasureRequests(siteId: string, status: ErasureRequestStatus, limit: number): Promise<ErasureRequestInfo[]>;
  /** How many of the site's requests are pending. */
  countPendingErasureRequests(siteId: string): Promise<number>;
  /**
   * Declines a pending request (nothing is erased). Null when it is not pending (decided already, by
   * another admin or an erasure) or not the site's: nothing changes.
   */
  declineErasureRequest(input: { siteId: string; id: string; by: string; at: number }): Promise<ErasureRequestInfo | null>;
}

export interface NewErasureRequest {
  /** The new request's id (the caller makes it, so the webhook deliveries can name it). */
  id: string;
  siteId: string;
  visitorId: string;
  at: number;
  maxPendingPerSite: number;
  /** Webhook deliveries (`erasure.requested`) stored with a new request, in its transaction; none for an answered pending one. */
  deliveries?: NewDelivery[];
}

/** The visitor's view of a row (the admin's view adds who and how much). */
export const visitorView = (r: ErasureRequestInfo | ErasureRequest): ErasureRequest => ({ id: r.id, status: r.status, requestedAt: r.requestedAt, decidedAt: r.decidedAt });

/** A request row as both stores' SELECT reads it (the visitor joined as they are now, null once erased). */
export interface ErasureRequestRow {
  id: string;
  status: ErasureRequestStatus;
  requested_at: number;
  decided_at: number | null;
  decided_by: string | null;
  visitor_id: string;
  v_id: string | null;
  label: string | null;
  name: string | null;
  email: string | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  identified: number | boolean | null;
  conversations: number;
}

export const requestInfo = (r: ErasureRequestRow): ErasureRequestInfo => ({
  id: r.id,
  status: r.status,
  requestedAt: r.requested_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  visitorId: r.visitor_id,
  visitor: r.v_id ? { label: r.label ?? '', name: r.name, email: r.email, identified: r.identified === 1 || r.identified === true } : null,
  conversations: r.conversations,
});
