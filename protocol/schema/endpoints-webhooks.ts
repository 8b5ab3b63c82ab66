import Type from 'typebox';
import { Routes } from '../rest.ts';
import { IdParams } from './conversations.ts';
import type { Endpoint } from './endpoint.ts';
import { DeliveryRecordSchema as Delivery, Ok, WebhookRecordSchema as Webhook } from './records.ts';
import { CreateWebhookRequest, DeliveriesQuery, DeliveryParams, UpdateWebhookRequest } from './webhooks.ts';

/** Webhook endpoints of a site, their delivery log, resend and test. */
export const webhookEndpoints: Endpoint[] = [
  { method: 'get', path: Routes.adminWebhooks, tag: 'Webhooks', auth: 'admin', summary: 'The site\'s webhook endpoints', response: { status: 200, description: 'endpoints', schema: Type.Object({ webhooks: Type.Array(Webhook) }) } },
  {
    method: 'post', path: Routes.adminWebhooks, tag: 'Webhooks', auth: 'admin', summary: 'Subscribe a URL to event kinds', body: CreateWebhookRequest,
    response: { status: 201, description: 'the endpoint with its signing secret', schema: Type.Object({ webhook: Webhook }) },
    example: { body: { url: 'https://crm.example/parley-hook', events: ['message.created', 'conversation.resolved'] } },
  },
  { method: 'patch', path: Routes.adminWebhook, tag: 'Webhooks', auth: 'admin', summary: 'Change an endpoint (URL, kinds, notes, a new secret)', params: IdParams, body: UpdateWebhookRequest, response: { status: 200, description: 'the endpoint', schema: Type.Object({ webhook: Webhook }) }, errors: ['not_found'] },
  { method: 'delete', path: Routes.adminWebhook, tag: 'Webhooks', auth: 'admin', summary: 'Remove an endpoint and its delivery log', params: IdParams, response: { status: 200, description: 'removed', schema: Ok }, errors: ['not_found'] },
  {
    method: 'get', path: Routes.adminWebhookDeliveries, tag: 'Webhooks', auth: 'admin', summary: 'The endpoint\'s delivery log, newest first, with the receiver\'s answers', params: IdParams, query: DeliveriesQuery,
    response: { status: 200, description: 'a page of deliveries', schema: Type.Object({ items: Type.Array(Delivery), nextCursor: Type.Union([Type.String(), Type.Null()]) }) }, errors: ['not_found'],
  },
  { method: 'post', path: Routes.adminWebhookTest, tag: 'Webhooks', auth: 'admin', summary: 'Send a test delivery (type webhook.test) now', params: IdParams, response: { status: 202, description: 'queued', schema: Type.Object({ delivery: Delivery }) }, errors: ['not_found'] },
  { method: 'post', path: Routes.adminWebhookResend, tag: 'Webhooks', auth: 'admin', summary: 'Send a delivery again now (same webhook-id and body)', params: DeliveryParams, response: { status: 202, description: 'queued', schema: Type.Object({ delivery: Delivery }) }, errors: ['not_found', 'conflict'] },
];
