import { createHash, randomBytes } from 'node:crypto';
import { fail } from '../errors.ts';
import type { ApiScope, ApiTokenRecord } from '../store/api-token-records.ts';
import type { Store } from '../store/store.ts';

/**
 * API tokens: a site's backend calls the REST API with `Authorization: Bearer prl_…` instead of a staff
 * session. The secret is 32 random bytes, shown once; the store keeps its SHA-256. Revocation works at
 * once on every process (each request looks the hash up; there is no cache to expire).
 */
export const API_TOKEN_PREFIX = 'prl_';
/** last_used_at is written at most this often per token, so a busy integration does not write on every call. */
const TOUCH_EVERY_MS = 60_000;

export interface ApiTokens {
  create(siteId: string, input: { name: string; scopes: ApiScope[] }, createdBy: string | null): Promise<{ secret: string; token: ApiTokenRecord }>;
  list(siteId: string): Promise<ApiTokenRecord[]>;
  revoke(siteId: string, id: string): Promise<void>;
  /** The active token with this secret, or `unauthorized`. */
  verify(secret: string): Promise<ApiTokenRecord>;
}

export const isApiTokenSecret = (token: string) => token.startsWith(API_TOKEN_PREFIX);
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function createApiTokens(store: Store, now: () => number = Date.now): ApiTokens {
  const touched = new Map<string, number>();
  return {
    async create(siteId, input, createdBy) {
      const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const scopes = [...new Set(input.scopes)];
      const token = await store.createApiToken({ siteId, name: input.name.trim(), scopes, tokenHash: hashOf(secret), hint: secret.slice(-4), createdBy, at: now() });
      return { secret, token };
    },
    list: (siteId) => store.listApiTokens(siteId),
    async revoke(siteId, id) {
      if (!(await store.revokeApiToken(siteId, id, now()))) fail('not_found', 'No such active API token.');
    },
    async verify(secret) {
      const token = await store.findApiToken(hashOf(secret));
      if (!token) return fail('unauthorized', 'Unknown API token.');
      if (token.revokedAt !== null) return fail('unauthorized', 'This API token was revoked.');
      const at = now();
      if (at - (touched.get(token.id) ?? token.lastUsedAt ?? 0) >= TOUCH_EVERY_MS) {
        if (touched.size >= 10_000) touched.clear();
        touched.set(token.id, at);
        await store.touchApiToken(token.id, at);
      }
      return token;
    },
  };
}
