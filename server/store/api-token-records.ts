/**
 * API tokens for server-to-server calls (server/apitokens/): a named token of one site with scopes.
 * Only the SHA-256 of the secret is stored (the secret has 256 random bits, so a fast hash is enough:
 * nothing to brute-force); the admin sees the secret once, when it is made. Revoked tokens stay listed,
 * so the settings page shows what existed and when it was revoked. Every method is part of the Store
 * interface and of the shared suite (api-tokens.suite.ts).
 */
export type ApiScope = 'read' | 'write' | 'admin' | 'privacy';
export const API_SCOPES: readonly ApiScope[] = ['read', 'write', 'admin', 'privacy'];

export interface ApiTokenRecord {
  id: string;
  siteId: string;
  name: string;
  scopes: ApiScope[];
  /** The last characters of the secret, to tell tokens apart in a list. */
  hint: string;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface NewApiToken {
  siteId: string;
  name: string;
  scopes: ApiScope[];
  tokenHash: string;
  hint: string;
  createdBy: string | null;
  at: number;
}

export interface ApiTokenStore {
  createApiToken(input: NewApiToken): Promise<ApiTokenRecord>;
  /** Newest first, revoked ones included. */
  listApiTokens(siteId: string): Promise<ApiTokenRecord[]>;
  /** The token with this secret's hash, revoked or not (the caller decides). */
  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null>;
  /** False when there is no such active token of the site. */
  revokeApiToken(siteId: string, id: string, at: number): Promise<boolean>;
  touchApiToken(id: string, at: number): Promise<void>;
}

export interface ApiTokenRow {
  id: string;
  site_id: string;
  name: string;
  scopes: string;
  hint: string;
  created_by: string | null;
  created_at: number | string;
  last_used_at: number | string | null;
  revoked_at: number | string | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

export function toApiToken(r: ApiTokenRow): ApiTokenRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    scopes: r.scopes.split(',').filter(Boolean) as ApiScope[],
    hint: r.hint,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    lastUsedAt: num(r.last_used_at),
    revokedAt: num(r.revoked_at),
  };
}

export const API_TOKEN_COLUMNS = 'id, site_id, name, scopes, hint, created_by, created_at, last_used_at, revoked_at';
