/**
 * The event kinds a webhook endpoint may subscribe to (docs/api.md, Webhooks). Plain data, no
 * validator: the schema set (protocol/schema/webhooks.ts), the store and the dashboard's settings
 * section all read this one list. Every kind but `erasure.requested` comes from the event log;
 * that one is written with the visitor's request (server/domain/erasure-requests.ts), which has no conversation.
 */
export const WEBHOOK_EVENTS = ['conversation.created', 'conversation.updated', 'conversation.resolved', 'message.created', 'conversation.rated', 'visitor.identified', 'erasure.requested'] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENTS)[number];
