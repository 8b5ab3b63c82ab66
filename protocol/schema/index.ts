/**
 * The schema set: one TypeBox (JSON Schema 2020-12) schema per REST body, query string, path and
 * WebSocket frame, from which the TypeScript types, the server's validators and the OpenAPI document
 * come. Server-only at run time: clients import its types (`import type`), never these values, so the
 * widget carries no validator (server/layers.test.ts checks the imports).
 */
export * from './common.ts';
export * from './context.ts';
export * from './commands.ts';
export * from './sessions.ts';
export * from './conversations.ts';
export * from './admin.ts';
export * from './canned.ts';
export * from './email.ts';
export * from './attachments.ts';
export * from './blocks.ts';
export * from './privacy.ts';
export * from './integrations.ts';
export * from './webhooks.ts';
export * from './reports.ts';
export * from './notifications.ts';
export * from './team.ts';
export * from './realtime-stream.ts';
export * from './teams.ts';
