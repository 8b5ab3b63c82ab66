import { API_TOKEN_COLUMNS, toApiToken, type ApiTokenRecord, type ApiTokenRow, type NewApiToken } from '../api-token-records.ts';
import { newId } from '../ids.ts';
import { q, q1, type Pg } from './db.ts';

/** API tokens on PostgreSQL (the rules: ../api-token-records.ts). */
export async function createApiToken(db: Pg, t: NewApiToken): Promise<ApiTokenRecord> {
  const id = newId('tok');
  await db.pool.query('INSERT INTO api_tokens (id, site_id, name, scopes, token_hash, hint, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    id, t.siteId, t.name, t.scopes.join(','), t.tokenHash, t.hint, t.createdBy, t.at,
  ]);
  return { id, siteId: t.siteId, name: t.name, scopes: [...t.scopes], hint: t.hint, createdBy: t.createdBy, createdAt: t.at, lastUsedAt: null, revokedAt: null };
}

export async function listApiTokens(db: Pg, siteId: string): Promise<ApiTokenRecord[]> {
  return (await q<ApiTokenRow>(db.pool, `SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE site_id = $1 ORDER BY created_at DESC, id DESC`, [siteId])).map(toApiToken);
}

export async function findApiToken(db: Pg, tokenHash: string): Promise<ApiTokenRecord | null> {
  const row = await q1<ApiTokenRow>(db.pool, `SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1`, [tokenHash]);
  return row ? toApiToken(row) : null;
}

export async function revokeApiToken(db: Pg, siteId: string, id: string, at: number): Promise<boolean> {
  const r = await db.pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND site_id = $3 AND revoked_at IS NULL', [at, id, siteId]);
  return (r.rowCount ?? 0) > 0;
}

export async function touchApiToken(db: Pg, id: string, at: number): Promise<void> {
  await db.pool.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
}
