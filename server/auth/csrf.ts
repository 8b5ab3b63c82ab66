import { derivedHmac } from './derived-hmac.ts';

/**
 * CSRF tokens for the staff session cookie. The cookie is httpOnly and SameSite=Strict, so script
 * cannot read it and other sites' pages do not send it; on top of that, every write authenticated by
 * the cookie must carry `X-CSRF-Token` (a header no other origin can set without a CORS preflight that
 * fails): an HMAC of the session id under a key derived from the server secret. Stateless, the same
 * for every tab of one session, dead with the session.
 */
export interface CsrfTokens {
  forSession(sessionId: string): string;
  matches(sessionId: string, given: string | undefined): boolean;
}

export const CSRF_HEADER = 'x-csrf-token';

export function createCsrfTokens(secret: string): CsrfTokens {
  const hmac = derivedHmac(secret, 'csrf');
  return { forSession: hmac.sign, matches: hmac.verify };
}
