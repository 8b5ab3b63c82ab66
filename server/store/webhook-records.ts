/**
 * Webhooks (server/webhooks/): a site's endpoints and the deliveries made for them from the event log.
 * A delivery is rendered once (its body is stored), claimed with a lease by one process at a time, and
 * settled with the receiver's answer: delivered, due again after a backoff, or failed. Its id is the
 * Standard Webhooks `webhook-id`, the same on every attempt and resend, so receivers can dedupe.
 * Every method is part of the Store interface and of the shared suite (webhooks.suite.ts).
 */
export type { WebhookEventKind } from '../../protocol/webhook-kinds.ts';
import { WEBHOOK_EVENTS, type WebhookEventKind } from '../../protocol/webhook-kinds.ts';
export const WEBHOOK_EVENT_KINDS: readonly WebhookEventKind[] = WEBHOOK_EVENTS;
export type WebhookStatus = 'active' | 'failing';
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

export interface WebhookEndpoint {
  id: string;
  siteId: string;
  url: string;
  description: string;
  events: WebhookEventKind[];
  /** Private staff notes are delivered only to endpoints that ask for them. */
  includeNotes: boolean;
  /** Standard Webhooks signing secret, `whsec_` + base64. */
  secret: string;
  status: WebhookStatus;
  createdAt: number;
}

export interface NewWebhookEndpoint {
  siteId: string;
  url: string;
  description: string;
  events: WebhookEventKind[];
  includeNotes: boolean;
  secret: string;
  at: number;
}

export type WebhookPatch = Partial<Pick<WebhookEndpoint, 'url' | 'description' | 'events' | 'includeNotes' | 'status' | 'secret'>>;

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  siteId: string;
  /** The event kind, or `webhook.test`. */
  kind: string;
  /** The site cursor of the event it carries; null for test deliveries. */
  eventCursor: number | null;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  /** The HTTP status of the last attempt; null when there was no answer (refused, timeout). */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface NewDelivery {
  endpointId: string;
  siteId: string;
  kind: string;
  eventCursor: number | null;
  body: string;
  /** Unique: enqueuing a key already there adds nothing (the log follower may hand an event twice). */
  dedupeKey: string;
  at: number;
}

export type DeliveryOutcome =
  | { status: 'delivered'; at: number; httpStatus: number }
  | { status: 'pending'; retryAt: number; httpStatus: number | null; error: string }
  | { status: 'failed'; at: number; httpStatus: number | null; error: string };

export interface WebhookStore {
  createWebhook(input: NewWebhookEndpoint): Promise<WebhookEndpoint>;
  listWebhooks(siteId: string): Promise<WebhookEndpoint[]>;
  getWebhook(siteId: string, id: string): Promise<WebhookEndpoint | null>;
  updateWebhook(siteId: string, id: string, patch: WebhookPatch): Promise<WebhookEndpoint | null>;
  /** Removes the endpoint and its deliveries. */
  deleteWebhook(siteId: string, id: string): Promise<boolean>;
  /** Answers how many were new (the rest had their dedupe key already). */
  enqueueDeliveries(deliveries: NewDelivery[]): Promise<number>;
  /** Due deliveries (pending and due, or sending with a lapsed lease), marked sending for `owner`, attempts + 1. */
  claimDeliveries(input: { owner: string; now: number; leaseMs: number; limit: number }): Promise<WebhookDelivery[]>;
  /** False when the lease was lost (another process took the delivery over). */
  settleDelivery(input: { id: string; owner: string; outcome: DeliveryOutcome }): Promise<boolean>;
  /** Newest first, one endpoint's; `before` is a delivery id from the previous page. */
  listDeliveries(input: { siteId: string; endpointId: string; before?: string | null; limit: number }): Promise<WebhookDelivery[]>;
  getDelivery(siteId: string, id: string): Promise<WebhookDelivery | null>;
  /** Due now again (any status but sending), for an admin's resend. False when there is no such delivery. */
  resendDelivery(siteId: string, id: string, now: number): Promise<boolean>;
}

export interface WebhookRow {
  id: string;
  site_id: string;
  url: string;
  description: string;
  events: string;
  include_notes: number | boolean;
  secret: string;
  status: string;
  created_at: number | string;
}
export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  site_id: string;
  kind: string;
  event_cursor: number | string | null;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: number | string;
  last_status: number | null;
  last_error: string | null;
  created_at: number | string;
  delivered_at: number | string | null;
}

export const WEBHOOK_COLUMNS = 'id, site_id, url, description, events, include_notes, secret, status, created_at';
export const DELIVERY_COLUMNS = 'id, endpoint_id, site_id, kind, event_cursor, body, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at';

export const toWebhook = (r: WebhookRow): WebhookEndpoint => ({
  id: r.id,
  siteId: r.site_id,
  url: r.url,
  description: r.description,
  events: r.events.split(',').filter(Boolean) as WebhookEventKind[],
  includeNotes: r.include_notes === true || r.include_notes === 1,
  secret: r.secret,
  status: r.status as WebhookStatus,
  createdAt: Number(r.created_at),
});
export const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  siteId: r.site_id,
  kind: r.kind,
  eventCursor: r.event_cursor === null ? null : Number(r.event_cursor),
  body: r.body,
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: Number(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: Number(r.created_at),
  deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
});

/** The row values an outcome writes: status, next attempt, last status and error, delivered at. */
export function outcomeValues(o: DeliveryOutcome): [string, number | null, number | null, string | null, number | null] {
  if (o.status === 'delivered') return ['delivered', null, o.httpStatus, null, o.at];
  if (o.status === 'pending') return ['pending', o.retryAt, o.httpStatus, o.error.slice(0, 500), null];
  return ['failed', null, o.httpStatus, o.error.slice(0, 500), null];
}
