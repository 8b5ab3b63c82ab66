import type { Logger } from '../log.ts';
import type { DeliveryOutcome, WebhookDelivery, WebhookEndpoint } from '../store/webhook-records.ts';
import type { Store } from '../store/store.ts';
import { postWebhook, type PostResult } from './post.ts';
import { signatureHeaders } from './signature.ts';

/**
 * Sends due deliveries. Each run claims them with a lease (another process never sends the same one at
 * the same time; a crash leaves it claimed until the lease runs out, then it is sent again, with the same
 * webhook-id), POSTs each signed, and settles it: 2xx delivered; anything else retried after an
 * exponential backoff (retryBaseMs doubled per attempt, at most an hour apart) until retryForMs after the
 * delivery was made, then failed, and its endpoint marked failing (a later success marks it active).
 */
export interface SenderConfig {
  leaseMs: number;
  timeoutMs: number;
  maxResponseBytes: number;
  retryBaseMs: number;
  retryForMs: number;
  allowPrivate: boolean;
}

export interface SenderDeps {
  store: Store;
  owner: string;
  now: () => number;
  log: Logger;
  config: SenderConfig;
  batch?: number;
}

export const MAX_RETRY_GAP_MS = 60 * 60 * 1000;

export function retryDelay(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_GAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createWebhookSender(deps: SenderDeps) {
  const batch = deps.batch ?? 20;
  const cfg = deps.config;
  const endpoints = new Map<string, WebhookEndpoint | null>();

  function outcomeOf(d: WebhookDelivery, r: PostResult): DeliveryOutcome {
    const at = deps.now();
    if (r.status !== null && r.status >= 200 && r.status < 300) return { status: 'delivered', at, httpStatus: r.status };
    const error = r.status === null ? r.error : `The receiver answered ${r.status}.`;
    const retryAt = at + retryDelay(d.attempts, cfg.retryBaseMs);
    if (retryAt > d.createdAt + cfg.retryForMs) return { status: 'failed', at, httpStatus: r.status, error };
    return { status: 'pending', retryAt, httpStatus: r.status, error };
  }

  async function send(d: WebhookDelivery): Promise<void> {
    const w = endpoints.has(d.endpointId) ? endpoints.get(d.endpointId)! : await deps.store.getWebhook(d.siteId, d.endpointId);
    endpoints.set(d.endpointId, w);
    const result: PostResult = w
      ? await postWebhook({ url: w.url, body: d.body, headers: signatureHeaders(w.secret, d.id, Math.floor(deps.now() / 1000), d.body), timeoutMs: cfg.timeoutMs, maxResponseBytes: cfg.maxResponseBytes, allowPrivate: cfg.allowPrivate })
      : { status: null, error: 'The endpoint was deleted.' };
    const outcome: DeliveryOutcome = w ? outcomeOf(d, result) : { status: 'failed', at: deps.now(), httpStatus: null, error: 'The endpoint was deleted.' };
    const kept = await deps.store.settleDelivery({ id: d.id, owner: deps.owner, outcome });
    const fields = { deliveryId: d.id, endpointId: d.endpointId, kind: d.kind, attempt: d.attempts, status: outcome.status, httpStatus: outcome.httpStatus };
    if (!kept) return deps.log.warn('webhook lease lost while sending', fields);
    if (outcome.status === 'delivered') deps.log.debug('webhook delivered', fields);
    else deps.log.warn('webhook not delivered', { ...fields, error: outcome.error });
    if (w && outcome.status === 'failed' && w.status !== 'failing') await deps.store.updateWebhook(w.siteId, w.id, { status: 'failing' });
    if (w && outcome.status === 'delivered' && w.status === 'failing') await deps.store.updateWebhook(w.siteId, w.id, { status: 'active' });
  }

  return {
    /** Sends everything due now; answers how many were attempted. */
    async run(): Promise<number> {
      endpoints.clear(); // read fresh each run: edits and deletions take effect on the next one
      let attempted = 0;
      for (;;) {
        const claimed = await deps.store.claimDeliveries({ owner: deps.owner, now: deps.now(), leaseMs: cfg.leaseMs, limit: batch });
        await Promise.all(claimed.map(send)); // in parallel: a round takes one timeout at most, within the lease
        attempted += claimed.length;
        if (claimed.length < batch) return attempted;
      }
    },
  };
}
