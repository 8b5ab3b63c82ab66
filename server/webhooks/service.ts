import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createLogFollower } from '../eventlog/follower.ts';
import type { Timers } from '../domain/domain.ts';
import { fail } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventKind } from '../store/webhook-records.ts';
import { deliveriesFor, testDelivery } from './events.ts';
import { createWebhookSender, type SenderConfig } from './sender.ts';
import { newWebhookSecret } from './signature.ts';

/**
 * Webhooks, wired: every process runs the same loop every pollMs. It follows the event log (the
 * 'webhooks' follower, under a per-site lease) into deliveries, keyed per endpoint, event and kind so an
 * event handed over twice after a crash makes each delivery once; then it sends what is due (sender.ts).
 * Nothing is lost: the follower saves its cursor only after the deliveries are stored, and a delivery
 * stays until it is delivered or has failed for retryForMs.
 */
export interface WebhookConfig extends SenderConfig {
  pollMs: number;
}

export interface WebhookInput {
  url: string;
  description?: string;
  events: WebhookEventKind[];
  includeNotes?: boolean;
}

export interface WebhookService {
  tick(): Promise<void>;
  list(siteId: string): Promise<WebhookEndpoint[]>;
  create(siteId: string, input: WebhookInput): Promise<WebhookEndpoint>;
  update(siteId: string, id: string, input: Partial<WebhookInput> & { rotateSecret?: boolean }): Promise<WebhookEndpoint>;
  remove(siteId: string, id: string): Promise<void>;
  deliveries(siteId: string, endpointId: string, before: string | null, limit: number): Promise<WebhookDelivery[]>;
  resend(siteId: string, endpointId: string, deliveryId: string): Promise<WebhookDelivery>;
  sendTest(siteId: string, endpointId: string): Promise<WebhookDelivery>;
  start(): void;
  close(): Promise<void>;
}

export function createWebhookService(deps: { store: Store; now: () => number; timers: Timers; log: Logger; config: WebhookConfig; owner?: string }): WebhookService {
  const { store, now, log } = deps;
  // The lease must outlast one round of sends (they run in parallel, each within timeoutMs).
  const config = { ...deps.config, leaseMs: Math.max(deps.config.leaseMs, deps.config.timeoutMs * 3) };
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const follower = createLogFollower({
    name: 'webhooks',
    store,
    owner,
    now,
    leaseMs: config.leaseMs,
    // A site without endpoints: its events are not even read (at thousands of messages a second that was a read of every one).
    wanted: async (siteId) => (await store.listWebhooks(siteId)).length > 0,
    async handle(siteId, events) {
      const endpoints = await store.listWebhooks(siteId);
      if (endpoints.length === 0) return;
      const deliveries = events.flatMap((e) => deliveriesFor(siteId, e, endpoints, now()));
      if (deliveries.length) await store.enqueueDeliveries(deliveries);
    },
  });
  const sender = createWebhookSender({ store, owner, now, log, config });
  let running: Promise<void> | null = null;
  let timer: unknown = null;
  let closed = false;

  async function round(): Promise<void> {
    for (const [step, fn] of [['follow', () => follower.poll()], ['send', () => sender.run()]] as const) {
      try {
        await fn();
      } catch (err) {
        log.error('webhook step failed', { step, err });
      }
    }
  }
  const tick = () => (running ??= round().finally(() => (running = null)));
  const schedule = () => {
    if (!closed) timer = deps.timers.setTimeout(() => void tick().finally(schedule), config.pollMs);
  };
  const endpointOf = async (siteId: string, id: string) => (await store.getWebhook(siteId, id)) ?? fail('not_found', 'No such webhook.');

  return {
    tick,
    list: (siteId) => store.listWebhooks(siteId),
    create: (siteId, input) =>
      store.createWebhook({ siteId, url: input.url, description: input.description ?? '', events: input.events, includeNotes: input.includeNotes ?? false, secret: newWebhookSecret(), at: now() }),
    async update(siteId, id, input) {
      await endpointOf(siteId, id);
      const updated = await store.updateWebhook(siteId, id, {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.includeNotes !== undefined ? { includeNotes: input.includeNotes } : {}),
        ...(input.rotateSecret ? { secret: newWebhookSecret() } : {}),
      });
      return updated ?? fail('not_found', 'No such webhook.');
    },
    async remove(siteId, id) {
      if (!(await store.deleteWebhook(siteId, id))) fail('not_found', 'No such webhook.');
    },
    async deliveries(siteId, endpointId, before, limit) {
      await endpointOf(siteId, endpointId);
      return store.listDeliveries({ siteId, endpointId, before, limit });
    },
    async resend(siteId, endpointId, deliveryId) {
      const d = await store.getDelivery(siteId, deliveryId);
      if (!d || d.endpointId !== endpointId) return fail('not_found', 'No such delivery of this webhook.');
      if (!(await store.resendDelivery(siteId, deliveryId, now()))) fail('conflict', 'This delivery is being sent right now.');
      void tick();
      return (await store.getDelivery(siteId, deliveryId))!;
    },
    async sendTest(siteId, endpointId) {
      const w = await endpointOf(siteId, endpointId);
      const d = testDelivery(w, now(), randomBytes(8).toString('hex'));
      await store.enqueueDeliveries([d]);
      void tick();
      const [made] = await store.listDeliveries({ siteId, endpointId, limit: 1 });
      return made;
    },
    start: schedule,
    async close() {
      closed = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
      await running;
    },
  };
}
