import { SignJWT, jwtVerify } from 'jose';
import { fail } from '../errors.ts';
import { importHmacKey } from './hmac-keys.ts';
import { jwtFailure } from './jwt-errors.ts';
import { createOwnTokenCheck } from './own-token-check.ts';

/**
 * Parley's own tokens, signed with the server secret: visitor tokens and staff session tokens.
 * HS256 is pinned on verify; iss, aud and exp are required. Staff tokens carry `sid`, the session
 * row that logout revokes (checked by staff-session.ts, not here).
 */
export const TOKEN_ISSUER = 'parley';
export const VISITOR_AUDIENCE = 'parley:visitor';
export const STAFF_AUDIENCE = 'parley:staff';

export type TokenClaims =
  /** `identityKey`: for an identified visitor, which identity secret vouched for them (identity.ts). */
  | { kind: 'visitor'; siteId: string; visitorId: string; exp: number; identityKey?: string }
  | { kind: 'staff'; siteId: string; staffId: string; sessionId: string; exp: number };

export interface TokenService {
  /** Returns the token and its expiry in epoch ms. */
  signVisitor(siteId: string, visitorId: string, identityKey?: string): Promise<{ token: string; expiresAt: number }>;
  signStaff(siteId: string, staffId: string, sessionId: string, expiresAt: number): Promise<string>;
  /** Throws unauthorized / token_expired. */
  verify(token: string): Promise<TokenClaims>;
}

export interface TokenServiceOptions {
  secret: string;
  visitorTtlSec: number;
  clockToleranceSec: number;
  now: () => number;
}

export function createTokenService(opts: TokenServiceOptions): TokenService {
  if (!opts.secret || opts.secret.length < 16) throw new Error('The server secret must be at least 16 characters.');
  // Imported once: jose would import raw bytes again on every sign and verify.
  const key = importHmacKey(opts.secret);
  key.catch(() => {}); // an import failure surfaces at the first sign or verify
  const nowSec = () => Math.floor(opts.now() / 1000);
  // Every socket's upgrade verifies a token (a reconnect storm: 10,000 at once): a token as we sign it is
  // checked on the event loop; anything else goes to jose, which gives the reason (own-token-check.ts).
  const ownToken = createOwnTokenCheck(opts.secret, { issuer: TOKEN_ISSUER, audiences: [VISITOR_AUDIENCE, STAFF_AUDIENCE], clockToleranceSec: opts.clockToleranceSec });

  const sign = async (claims: Record<string, unknown>, sub: string, aud: string, expSec: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(aud)
      .setSubject(sub)
      .setIssuedAt(nowSec())
      .setExpirationTime(expSec)
      .sign(await key);

  return {
    async signVisitor(siteId, visitorId, identityKey) {
      const expSec = nowSec() + opts.visitorTtlSec;
      const token = await sign(identityKey ? { site: siteId, idk: identityKey } : { site: siteId }, visitorId, VISITOR_AUDIENCE, expSec);
      return { token, expiresAt: expSec * 1000 };
    },

    signStaff(siteId, staffId, sessionId, expiresAt) {
      return sign({ site: siteId, sid: sessionId }, staffId, STAFF_AUDIENCE, Math.floor(expiresAt / 1000));
    },

    async verify(token) {
      if (typeof token !== 'string' || token.length === 0) fail('unauthorized', 'A token is required.');
      if (token.length > 4096) fail('unauthorized', 'Token is too long.');
      let payload = ownToken(token, opts.now());
      if (!payload) {
        try {
          ({ payload } = await jwtVerify(token, await key, {
            algorithms: ['HS256'],
            issuer: TOKEN_ISSUER,
            audience: [VISITOR_AUDIENCE, STAFF_AUDIENCE],
            requiredClaims: ['exp', 'sub'],
            clockTolerance: opts.clockToleranceSec,
            currentDate: new Date(opts.now()),
          }));
        } catch (err) {
          throw jwtFailure(err, 'Token');
        }
      }
      const site = payload.site;
      const sub = payload.sub;
      if (typeof site !== 'string' || typeof sub !== 'string' || !sub) return fail('unauthorized', 'Token is malformed.');
      const exp = (payload.exp as number) * 1000;
      if (payload.aud === VISITOR_AUDIENCE) {
        return typeof payload.idk === 'string' ? { kind: 'visitor', siteId: site, visitorId: sub, exp, identityKey: payload.idk } : { kind: 'visitor', siteId: site, visitorId: sub, exp };
      }
      if (payload.aud === STAFF_AUDIENCE && typeof payload.sid === 'string') {
        return { kind: 'staff', siteId: site, staffId: sub, sessionId: payload.sid, exp };
      }
      return fail('unauthorized', 'Token has the wrong audience (aud).');
    },
  };
}
