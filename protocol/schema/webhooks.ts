import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, Id } from './common.ts';

import { WEBHOOK_EVENTS } from '../webhook-kinds.ts';

export { WEBHOOK_EVENTS };

const Url = Type.String({ maxLength: L.webhookUrl, pattern: '^https?://', description: `an http(s) URL of at most ${L.webhookUrl} characters` });
const Events = Type.Array(Type.Enum([...WEBHOOK_EVENTS]), { minItems: 1, uniqueItems: true, description: 'the event kinds to deliver' });

/** POST /api/v1/admin/webhooks */
export const CreateWebhookRequest = Closed({
  url: Url,
  description: Type.Optional(Type.String({ maxLength: L.webhookDescription })),
  events: Events,
  /** Private staff notes (message.created with note: true) only reach endpoints that ask for them. */
  includeNotes: Type.Optional(Type.Boolean()),
});

/** PATCH /api/v1/admin/webhooks/:id */
export const UpdateWebhookRequest = Closed({
  url: Type.Optional(Url),
  description: Type.Optional(Type.String({ maxLength: L.webhookDescription })),
  events: Type.Optional(Events),
  includeNotes: Type.Optional(Type.Boolean()),
  /** A new signing secret; the old one stops at once. */
  rotateSecret: Type.Optional(Type.Boolean()),
});

export const DeliveryParams = Closed({ id: Id, deliveryId: Id });
export const DeliveriesQuery = Closed({
  before: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
