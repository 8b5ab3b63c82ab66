import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed, Email, NonBlank } from './common.ts';

/** POST /api/v1/admin/api-tokens: a named token with scopes; its secret is answered once. */
export const CreateApiTokenRequest = Closed({
  name: NonBlank(L.name),
  scopes: Type.Array(Type.Enum(['read', 'write', 'admin', 'privacy']), { minItems: 1, uniqueItems: true, description: 'read: GET routes; write: every other method; admin: the admin routes; privacy: exporting and erasing a visitor (the privacy routes)' }),
});
export type CreateApiTokenRequest = Type.Static<typeof CreateApiTokenRequest>;

/** POST /api/v1/visitors: the visitor of one of the site's users, made before they open the widget. */
export const IdentifyVisitorRequest = Closed({
  externalId: Type.String({ minLength: 1, maxLength: L.externalId, description: 'the site\'s own user id: the `sub` its user JWTs carry' }),
  name: Type.Optional(NonBlank(L.name)),
  email: Type.Optional(Email),
});
export type IdentifyVisitorRequest = Type.Static<typeof IdentifyVisitorRequest>;
