import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import { fail } from '../errors.ts';
import type { SiteRecord } from '../store/store.ts';
import { createHmacKeyCache } from './hmac-keys.ts';
import { jwtFailure } from './jwt-errors.ts';

/**
 * Site identity JWTs: the site's own backend vouches for a logged-in user by signing a JWT with the
 * site's identity secret. Required: alg HS256, iss = the site key, aud = "parley", sub = the site's
 * user id, exp. Optional: name, email. Name and email are taken only from these signed claims.
 */
export const IDENTITY_AUDIENCE = 'parley';
const MAX_SUB = 200;
const MAX_NAME = 200;
const MAX_EMAIL = 320;

export interface SiteUser {
  externalId: string;
  name?: string;
  email?: string;
  /** Which of the site's identity secrets signed the token (identityKeyOf). */
  identityKey: string;
}

/**
 * A short public name for an identity secret (the start of its SHA-256). Visitor tokens of identified
 * visitors carry it, so when a rotation's grace period ends, sessions opened under the old secret end too.
 */
export function identityKeyOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 12);
}

/** The secrets that verify user JWTs now: the current one, and during a rotation's grace period the previous. */
export function liveIdentitySecrets(site: SiteRecord, now: number): string[] {
  const previous = site.previousIdentitySecret && (site.previousIdentityUntil ?? 0) > now ? [site.previousIdentitySecret] : [];
  return [site.identitySecret, ...previous];
}

/** Whether a visitor session opened under this identity key is still good (its secret is live). */
export function identityKeyLive(site: SiteRecord, key: string, now: number): boolean {
  return liveIdentitySecrets(site, now).some((s) => identityKeyOf(s) === key);
}

/** Imported keys of the sites' identity secrets (by the secret's hash: a rotated secret gets a new key). */
const siteKeys = createHmacKeyCache(256);

export async function verifySiteUserToken(
  site: SiteRecord,
  token: string,
  opts: { clockToleranceSec: number; now: () => number },
): Promise<SiteUser> {
  if (typeof token !== 'string' || token.length === 0) fail('unauthorized', 'User token is empty.');
  if (token.length > 8192) fail('unauthorized', 'User token is too long.');
  // The current secret first; during a rotation's grace period the previous one is tried too.
  let payload;
  let usedSecret = '';
  let lastError: unknown;
  for (const secret of liveIdentitySecrets(site, opts.now())) {
    try {
      ({ payload } = await jwtVerify(token, await siteKeys.get(secret), {
        algorithms: ['HS256'],
        issuer: site.key,
        audience: IDENTITY_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: opts.clockToleranceSec,
        currentDate: new Date(opts.now()),
      }));
      usedSecret = secret;
      break;
    } catch (err) {
      lastError = err;
      // Only a wrong signature is worth the other secret; an expired or malformed token is that anyway.
      if ((err as { code?: string }).code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') break;
    }
  }
  if (!payload) throw jwtFailure(lastError, 'User token');
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUB) {
    return fail('unauthorized', `User token "sub" must be a non-empty string of at most ${MAX_SUB} characters.`);
  }
  const user: SiteUser = { externalId: sub, identityKey: identityKeyOf(usedSecret) };
  const name = optionalString(payload.name, 'name', MAX_NAME);
  const email = optionalString(payload.email, 'email', MAX_EMAIL);
  if (name) user.name = name;
  if (email) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) fail('unauthorized', 'User token "email" is not an email address.');
    user.email = email;
  }
  return user;
}

function optionalString(value: unknown, claim: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    return fail('unauthorized', `User token "${claim}" must be a string of at most ${max} characters.`);
  }
  return value.trim() || undefined;
}
