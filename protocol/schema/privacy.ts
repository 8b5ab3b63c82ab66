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
