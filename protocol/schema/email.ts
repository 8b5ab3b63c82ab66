import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed } from './common.ts';

/** PUT /api/v1/staff/me/email */
export const EmailPreferencesRequest = Closed({ notifyUnseen: Type.Boolean() });

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

/** GET /api/v1/admin/email/outbox */
export const OutboxQuery = Closed({
  status: Type.Optional(Type.Enum([...OUTBOX_STATUSES])),
  cursor: Type.Optional(Type.String({ maxLength: L.pageCursor })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
