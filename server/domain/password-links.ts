import { createHash, randomBytes } from 'node:crypto';
import type { PasswordTokenPurpose, Store } from '../store/store.ts';

/**
 * One-time links that let a member set their password: an invitation (a new member) or a reset (an
 * admin's). The token is 256 random bits shown once, inside the URL's fragment (never sent to a server
 * log); only its SHA-256 is stored, a member has one live link at a time, and using it uses it up.
 */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

export async function newPasswordLink(store: Store, staffId: string, purpose: PasswordTokenPurpose, now: number, ttlMs: number) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  await store.createPasswordToken({ tokenHash: tokenHash(token), staffId, purpose, expiresAt, at: now });
  return { token, path: `/dashboard/password#${token}`, expiresAt };
}

/** Only well-formed tokens reach the store. */
export const isLinkToken = (t: unknown): t is string => typeof t === 'string' && /^[\w-]{43}$/.test(t);
