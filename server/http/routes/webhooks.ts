import { Routes } from '../../../protocol/index.ts';
import { CreateWebhookRequest, DeliveriesQuery, DeliveryParams, IdParams, UpdateWebhookRequest } from '../../../protocol/schema/index.ts';
import { fail } from '../../errors.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../../store/webhook-records.ts';
import type { WebhookService } from '../../webhooks/service.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams, readQuery } from '../input.ts';

/** Admins manage their site's webhook endpoints, read each one's delivery log, resend and test. */
export function registerWebhooks(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin' });
  const max = deps.config.limits.maxBodyBytes;
  const hooks = (): WebhookService => deps.webhooks ?? fail('unavailable', 'Webhooks are not running on this server.');
  const shown = ({ siteId: _s, ...w }: WebhookEndpoint) => w;
  const delivery = ({ siteId: _s, endpointId: _e, eventCursor: _c, ...d }: WebhookDelivery) => d;
  const site = (c: { get(k: 'principal'): { siteId: string } }) => c.get('principal').siteId;

  app.get(Routes.adminWebhooks, admin, async (c) => c.json({ webhooks: (await hooks().list(site(c))).map(shown) }));
  app.post(Routes.adminWebhooks, admin, async (c) => {
    const body = await readJson(c, CreateWebhookRequest, max);
    return c.json({ webhook: shown(await hooks().create(site(c), body)) }, 201);
  });
  app.patch(Routes.adminWebhook, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    const body = await readJson(c, UpdateWebhookRequest, max);
    return c.json({ webhook: shown(await hooks().update(site(c), id, body)) });
  });
  app.delete(Routes.adminWebhook, admin, async (c) => {
    await hooks().remove(site(c), readParams(c, IdParams).id);
    return c.json({ ok: true });
  });
  app.get(Routes.adminWebhookDeliveries, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    const q = readQuery(c, DeliveriesQuery);
    const limit = Math.min(q.limit ?? 50, deps.config.limits.maxPageSize);
    const items = await hooks().deliveries(site(c), id, q.before ?? null, limit);
    return c.json({ items: items.map(delivery), nextCursor: items.length === limit ? items[items.length - 1].id : null });
  });
  app.post(Routes.adminWebhookTest, admin, async (c) => c.json({ delivery: delivery(await hooks().sendTest(site(c), readParams(c, IdParams).id)) }, 202));
  app.post(Routes.adminWebhookResend, admin, async (c) => {
    const { id, deliveryId } = readParams(c, DeliveryParams);
    return c.json({ delivery: delivery(await hooks().resend(site(c), id, deliveryId)) }, 202);
  });
}
