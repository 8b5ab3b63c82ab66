import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed } from './common.ts';
import { VisitorContext } from './context.ts';

/** POST /api/v1/visitor/session: the widget's first call (anonymous, returning or identified visitor). */
export const VisitorSessionRequest = Closed({
  siteKey: Type.String({ minLength: 1, maxLength: L.siteKey, description: 'the public site key from the script tag' }),
  /** A visitor token from an earlier session: keeps the same visitor and conversations. */
  visitorToken: Type.Optional(Type.String({ maxLength: L.token })),
  /** A JWT signed by the site's backend (HS256 with the site's identity secret). */
  userToken: Type.Optional(Type.String({ maxLength: L.userToken })),
  context: Type.Optional(VisitorContext),
  /** A solved proof-of-work challenge (GET /api/v1/visitor/challenge), when the site asks for one. */
  pow: Type.Optional(Closed({ challenge: Type.String({ minLength: 1, maxLength: 300 }), nonce: Type.String({ minLength: 1, maxLength: 32 }) })),
  /**
   * The visitor consented to the chat storing data (they opened it, or the page called
   * Parley('consent', true)). A site with requireConsent creates no new visitor without it.
   */
  consent: Type.Optional(Type.Boolean()),
});
export type VisitorSessionRequest = Type.Static<typeof VisitorSessionRequest>;

/** POST /api/v1/staff/login. A wrong email or password is invalid_credentials, whatever its shape. */
export const StaffLoginRequest = Closed({
  email: Type.String({ minLength: 1, maxLength: L.email }),
  password: Type.String({ minLength: 1, maxLength: L.password }),
});
export type StaffLoginRequest = Type.Static<typeof StaffLoginRequest>;

/** GET /api/v1/visitor/challenge. */
export const ChallengeQuery = Closed({ siteKey: Type.String({ minLength: 1, maxLength: L.siteKey }) });
export type ChallengeQuery = Type.Static<typeof ChallengeQuery>;
