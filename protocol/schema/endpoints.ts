import Type from 'typebox';
import { Routes } from '../rest.ts';
import { adminEndpoints } from './endpoints-admin.ts';
import { chatEndpoints } from './endpoints-chat.ts';
import { securityEndpoints } from './endpoints-security.ts';
import { webhookEndpoints } from './endpoints-webhooks.ts';
import { privacyEndpoints } from './endpoints-privacy.ts';
import { notificationEndpoints } from './endpoints-notifications.ts';
import { settingsEndpoints } from './endpoints-settings.ts';
import { realtimeEndpoints } from './endpoints-realtime.ts';
import type { Endpoint } from './endpoint.ts';

const referenceEndpoints: Endpoint[] = [
  { method: 'get', path: Routes.openapi, tag: 'Reference', auth: 'none', summary: 'This API as an OpenAPI 3.1 document', response: { status: 200, description: 'the document', schema: Type.Object({ openapi: Type.String() }) } },
  { method: 'get', path: Routes.apiReference, tag: 'Reference', auth: 'none', summary: 'This API as a readable page', response: { status: 200, description: 'an HTML page', contentType: 'text/html' } },
];

/** Every route of the REST API, in the order the reference lists them. The OpenAPI document is made from it. */
export const ENDPOINTS: readonly Endpoint[] = [...chatEndpoints, ...securityEndpoints, ...adminEndpoints, ...settingsEndpoints, ...notificationEndpoints, ...webhookEndpoints, ...privacyEndpoints, ...realtimeEndpoints, ...referenceEndpoints];
export type { Endpoint } from './endpoint.ts';
