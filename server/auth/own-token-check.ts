import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** The protected header Parley signs its own tokens with (tokens.ts), base64url as it appears in them. */
export const OWN_TOKEN_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export interface OwnTokenExpectations {
  issuer: string;
  audiences: readonly string[];
  clockToleranceSec: number;
}

/**
 * The common case of verifying one of Parley's own tokens, without WebCrypto: jose 6 verifies HS256
 * through crypto.subtle, a hop to the thread pool and back (~60-90 µs a token, most of a reconnect's auth),
 * while node:crypto's HMAC of a 300-byte token is a few µs on the event loop. It accepts only a token exactly
 * as tokens.ts signs it: our header byte for byte, a valid signature, iss, a string aud we issue, a
 * string sub, exp not past (with the tolerance), no nbf, iat absent or a number. For anything else it
 * answers null and the caller asks jose, which then refuses (or accepts) with its own reason: this
 * only ever says yes to what jose would also accept, and never says no.
 */
export function createOwnTokenCheck(secret: string, expect: OwnTokenExpectations) {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const prefix = `${OWN_TOKEN_HEADER}.`;
  return (token: string, nowMs: number): Record<string, unknown> | null => {
    if (!token.startsWith(prefix)) return null;
    const dot = token.indexOf('.', prefix.length);
    if (dot < 0 || token.indexOf('.', dot + 1) >= 0) return null;
    const expected = Buffer.from(createHmac('sha256', key).update(token.slice(0, dot)).digest('base64url'));
    const given = Buffer.from(token.slice(dot + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(token.slice(prefix.length, dot), 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const c = claims as Record<string, unknown>;
    if (c.iss !== expect.issuer || typeof c.aud !== 'string' || !expect.audiences.includes(c.aud) || typeof c.sub !== 'string') return null;
    if (typeof c.exp !== 'number' || !Number.isFinite(c.exp) || c.exp <= Math.floor(nowMs / 1000) - expect.clockToleranceSec) return null;
    if (c.nbf !== undefined || (c.iat !== undefined && (typeof c.iat !== 'number' || !Number.isFinite(c.iat)))) return null;
    return c;
  };
}
