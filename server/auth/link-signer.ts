import { derivedHmac } from './derived-hmac.ts';

/**
 * Signs short strings (attachment download links) with a key derived from the server secret, so a
 * link can carry its own proof instead of a bearer token. The derived key is for links only: a link's
 * signature can never pass as a token's, or the other way round.
 */
export interface LinkSigner {
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

export const createLinkSigner = (secret: string): LinkSigner => derivedHmac(secret, 'attachment links');
