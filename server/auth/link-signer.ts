import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs short strings (attachment download links) with a key derived from the server secret, so a
 * link can carry its own proof instead of a bearer token. The derived key is for links only: a link's
 * signature can never pass as a token's, or the other way round.
 */
export interface LinkSigner {
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

export function createLinkSigner(secret: string): LinkSigner {
  const key = createHash('sha256').update('parley attachment links\0').update(secret).digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    sign,
    verify(payload, signature) {
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
