import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed } from './common.ts';

/**
 * The person of an access or erasure request (issue 20), named by exactly one of: their visitor id, an
 * email (every visitor record of the site with it), or the site's own user id (the user JWT's `sub`).
 */
export const PrivacyLookup = Closed({
  visitorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  email: Type.Optional(Type.String({ minLength: 3, maxLength: L.email })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
});
export type PrivacyLookup = Type.Static<typeof PrivacyLookup>;

/** Where a visitor's erasure request stands: waiting for an admin, carried out, or turned down. */
export const ERASURE_REQUEST_STATUSES = ['pending', 'confirmed', 'declined'] as const;
export type ErasureRequestStatus = (typeof ERASURE_REQUEST_STATUSES)[number];

const Time = Type.Integer({ description: 'epoch milliseconds' });

/**
 * A visitor's request, from the widget, that the site erase their data (GDPR art. 17), as the visitor
 * sees it: nothing is erased until an admin confirms it.
 */
export const ErasureRequestRecord = Type.Object({
  id: Type.String(),
  status: Type.Enum([...ERASURE_REQUEST_STATUSES]),
  requestedAt: Time,
  decidedAt: Type.Union([Time, Type.Null()], { description: 'when an admin confirmed or declined it; null while pending' }),
});
export type ErasureRequest = Type.Static<typeof ErasureRequestRecord>;

/** The same request as the site's admins see it: who asked (while they still exist) and how much there is. */
export const ErasureRequestAdminRecord = Type.Object({
  ...ErasureRequestRecord.properties,
  visitorId: Type.String(),
  visitor: Type.Union([
    Type.Object({ label: Type.String(), name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]), identified: Type.Boolean() }),
    Type.Null(),
  ], { description: 'null once the visitor is erased' }),
  conversations: Type.Integer({ description: 'the visitor\'s conversations now (those of anonymous records merged into them included)' }),
  decidedBy: Type.Union([Type.String(), Type.Null()], { description: 'the staff id that confirmed or declined it; null while pending, or when the visitor was erased some other way' }),
});
export type ErasureRequestInfo = Type.Static<typeof ErasureRequestAdminRecord>;

/** The visitor's request takes no fields: a visitor asks only for themselves (their token names them). */
export const ErasureRequestBody = Closed({}, 'no fields: the request is for the visitor the token names');

export const ErasureRequestsQuery = Closed({
  status: Type.Optional(Type.Enum([...ERASURE_REQUEST_STATUSES], { description: 'pending (default), confirmed or declined' })),
});
