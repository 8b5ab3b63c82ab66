import Type from 'typebox';
import { NOTIFICATION_KINDS } from '../notifications.ts';
import { Closed, Id } from './common.ts';

/** The most ids one POST /api/v1/notifications/read names. */
export const MAX_READ_IDS = 100;

const Kind = Type.Enum([...NOTIFICATION_KINDS]);

/** GET /api/v1/notifications */
export const NotificationsQuery = Closed({
  before: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  unread: Type.Optional(Type.Boolean()),
});

/**
 * POST /api/v1/notifications/read: exactly one of `ids` (those), `conversationId` (every one of that
 * conversation: opening it), `upTo` (every one up to and with that id: "mark all read" as far as the
 * client has seen) or `all: true`.
 */
export const NotificationReadRequest = Type.Union(
  [
    Closed({ ids: Type.Array(Id, { minItems: 1, maxItems: MAX_READ_IDS, description: `1 to ${MAX_READ_IDS} notification ids` }) }),
    Closed({ conversationId: Id }),
    Closed({ upTo: Id }),
    Closed({ all: Type.Literal(true) }),
  ],
  { description: 'one of ids, conversationId, upTo or all' },
);

/** POST /api/v1/notifications/ring */
export const NotificationRingRequest = Closed({ id: Id });

/** PUT /api/v1/notifications/preferences */
export const NotificationPreferencesRequest = Closed({
  kinds: Type.Array(Kind, { uniqueItems: true, maxItems: NOTIFICATION_KINDS.length, description: `the kinds that notify you: ${NOTIFICATION_KINDS.join(', ')}` }),
  sound: Type.Boolean(),
  desktop: Type.Boolean(),
});

export const NotificationStateRecord = Type.Object({
  unread: Type.Integer({ description: 'unread notifications' }),
  newestId: Type.Union([Type.String(), Type.Null()], { description: 'the newest notification\'s id (ids sort by time)' }),
});

export const NotificationRecord = Type.Object({
  id: Type.String(),
  kind: Kind,
  conversationId: Type.String(),
  cursor: Type.Integer({ description: 'the site cursor of the event it comes from' }),
  actor: Type.Optional(Type.Object({ kind: Type.Enum(['visitor', 'staff']), id: Type.String() })),
  actorName: Type.Optional(Type.String()),
  excerpt: Type.Optional(Type.String({ description: 'a line of the note, reply or rating comment; mentions as @Name' })),
  score: Type.Optional(Type.Integer({ description: 'rating: 1-5' })),
  createdAt: Type.Integer(),
  readAt: Type.Union([Type.Integer(), Type.Null()]),
});
