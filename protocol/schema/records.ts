import Type from 'typebox';
import { ConversationStatus, StaffAvailability } from './common.ts';
import { VisitorContext } from './context.ts';
import { SiteSettings } from './admin.ts';
import { WEBHOOK_EVENTS } from './webhooks.ts';

/*
 * The records the REST API answers with, for the OpenAPI document. They describe protocol/model.ts;
 * the OpenAPI test checks real answers of the running server against them, so the two cannot drift
 * apart unnoticed. Open objects: a later server may add fields, and clients must ignore those.
 */
const Time = Type.Integer({ description: 'epoch milliseconds' });
const Str = Type.String();

export const ActorRecord = Type.Object({ kind: Type.Enum(['visitor', 'staff']), id: Str }, { description: 'who did something' });
export const AttachmentRecord = Type.Object({
  id: Str,
  name: Str,
  size: Type.Integer(),
  type: Type.String({ description: 'MIME type, sniffed from the bytes' }),
  url: Type.String({ description: 'GET it with the participant\'s token' }),
});
export const MessageRecord = Type.Object({
  id: Str,
  conversationId: Str,
  seq: Type.Integer(),
  clientId: Str,
  author: ActorRecord,
  authorName: Type.Optional(Str),
  text: Str,
  attachments: Type.Array(AttachmentRecord),
  note: Type.Boolean({ description: 'a private staff note, never sent to the visitor' }),
  deleted: Type.Boolean(),
  createdAt: Time,
});
export const ConversationRecord = Type.Object({
  id: Str,
  siteId: Str,
  visitorId: Str,
  status: ConversationStatus,
  assigneeId: Type.Union([Str, Type.Null()]),
  lastSeq: Type.Integer(),
  lastMessage: Type.Optional(Type.Object({ id: Str, seq: Type.Integer(), author: ActorRecord, text: Str, createdAt: Time, note: Type.Boolean() })),
  lastActivityAt: Time,
  createdAt: Time,
  snoozedUntil: Type.Optional(Type.Union([Time, Type.Null()])),
  resolvedAt: Type.Optional(Type.Integer({ description: 'when it was resolved; only while it is resolved' })),
  rating: Type.Optional(Type.Object({ score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Str), ratedAt: Time }, { description: 'the visitor\'s rating (CSAT)' })),
  priority: Type.Optional(Type.Enum(['none', 'low', 'medium', 'high', 'urgent'], { description: 'staff reads only' })),
  labels: Type.Optional(Type.Array(Str, { description: 'staff reads only' })),
  teamId: Type.Optional(Type.String({ description: 'the team it is routed to (absent: none); in staff reads, event snapshots to staff and webhooks, never a visitor\'s' })),
  reads: Type.Array(Type.Object({ reader: ActorRecord, seq: Type.Integer() })),
});
export const VisitorRecord = Type.Object({
  id: Str,
  siteId: Str,
  externalId: Type.Optional(Type.String({ description: 'the site\'s own user id, when identified' })),
  identified: Type.Boolean(),
  name: Type.Optional(Str),
  email: Type.Optional(Str),
  emailVerified: Type.Optional(Type.Boolean()),
  label: Type.String({ description: 'a stable friendly label for anonymous visitors' }),
  context: Type.Object(VisitorContext.properties),
  firstSeenAt: Time,
  lastSeenAt: Time,
});
export const InboxItemRecord = Type.Object({
  ...ConversationRecord.properties,
  visitor: Type.Object({ id: Str, name: Type.Optional(Str), email: Type.Optional(Str), emailVerified: Type.Optional(Type.Boolean()), label: Str, identified: Type.Boolean() }),
  unread: Type.Integer({ description: 'this staff member\'s unread count' }),
  visitorOnline: Type.Boolean(),
});
export const SitePublicRecord = Type.Object({ key: Str, name: Str, settings: Type.Object(SiteSettings.properties), email: Type.Optional(Type.Boolean()) });
export const SiteRecord = Type.Object({ ...SitePublicRecord.properties, id: Str, allowedOrigins: Type.Array(Str), createdAt: Time });
export const StaffRecord = Type.Object({
  id: Str,
  siteId: Str,
  email: Str,
  name: Str,
  role: Type.Enum(['admin', 'agent']),
  availability: StaffAvailability,
  status: Type.Optional(Type.Enum(['active', 'invited', 'deactivated'], { description: 'invited: no password set yet; deactivated by an admin' })),
});
export const PresenceRecord = Type.Object({ actor: ActorRecord, status: StaffAvailability, name: Type.Optional(Str) });
export const CannedRecord = Type.Object({ id: Str, shortcut: Str, text: Str });
export const OutboxRecord = Type.Object({
  id: Str,
  kind: Type.Enum(['visitor.reply', 'agent.unseen', 'transcript', 'transcript.confirm']),
  toVerified: Type.Union([Type.Boolean(), Type.Null()], { description: 'true: the address is verified (identity JWT, a reply, a confirmation link), false: only typed in; null: a staff member\'s' }),
  conversationId: Type.Union([Str, Type.Null()]),
  to: Str,
  subject: Str,
  status: Type.Enum(['queued', 'sending', 'sent', 'failed']),
  attempts: Type.Integer(),
  nextAttemptAt: Time,
  lastError: Type.Union([Str, Type.Null()]),
  createdAt: Time,
  sentAt: Type.Union([Time, Type.Null()]),
});
export const EmailPreferencesRecord = Type.Object({ notifyUnseen: Type.Boolean(), address: Str, enabled: Type.Boolean() });
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const SeqResult = Type.Object({ seq: Type.Integer() });
export const WireErrorRecord = Type.Object({ code: Type.String({ description: 'stable, from protocol/errors.ts' }), message: Type.String({ description: 'a sentence for people' }) });
export const page = (item: Parameters<typeof Type.Array>[0]) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Str, Type.Null()], { description: 'pass as ?cursor= for the next page; null at the end' }) });
export const ApiTokenRecordSchema = Type.Object({
  id: Str,
  name: Str,
  scopes: Type.Array(Type.Enum(['read', 'write', 'admin', 'privacy'])),
  hint: Type.String({ description: 'the secret\'s last 4 characters' }),
  createdBy: Type.Union([Str, Type.Null()]),
  createdAt: Time,
  lastUsedAt: Type.Union([Time, Type.Null()]),
  revokedAt: Type.Union([Time, Type.Null()]),
});

export const WebhookRecordSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  events: Type.Array(Type.Enum([...WEBHOOK_EVENTS])),
  includeNotes: Type.Boolean(),
  secret: Type.String({ description: 'the Standard Webhooks signing secret (whsec_…)' }),
  status: Type.Enum(['active', 'failing'], { description: 'failing: a delivery failed for a day; the next success makes it active' }),
  createdAt: Type.Integer(),
});
export const DeliveryRecordSchema = Type.Object({
  id: Type.String({ description: 'the webhook-id header, the same on every attempt' }),
  kind: Type.String(),
  status: Type.Enum(['pending', 'sending', 'delivered', 'failed']),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Integer(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: 'the HTTP status of the last attempt; null when there was no answer' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  createdAt: Type.Integer(),
  deliveredAt: Type.Union([Type.Integer(), Type.Null()]),
});

export type ApiTokenInfo = Type.Static<typeof ApiTokenRecordSchema>;
export type WebhookInfo = Type.Static<typeof WebhookRecordSchema>;
export type WebhookDeliveryInfo = Type.Static<typeof DeliveryRecordSchema>;
