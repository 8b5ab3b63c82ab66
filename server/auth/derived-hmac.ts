import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An HMAC-SHA256 signer under a key derived from the server secret for one purpose (attachment links,
 * CSRF tokens, proof-of-work challenges): what one purpose signs never verifies for another, and none
 * of them is the key that signs tokens.
 */
export interface DerivedHmac {
  sign(data: string): string;
  /** Constant-time comparison of a given signature with the right one. */
  verify(data: string, signature: string | undefined): boolean;
}

export function derivedHmac(secret: string, purpose: string): DerivedHmac {
  const key = createHash('sha256').update(`parley ${purpose}\0`).update(secret).digest();
  const sign = (data: string) => createHmac('sha256', key).update(data).digest('base64url');
  return {
    sign,
    verify(data, signature) {
      if (!signature) return false;
      const expected = Buffer.from(sign(data));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
