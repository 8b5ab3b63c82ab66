import { API_TOKEN_COLUMNS, toApiToken, type ApiTokenRecord, type ApiTokenRow, type NewApiToken } from '../api-token-records.ts';
import { newId } from '../ids.ts';
import type { Db } from './db.ts';

/** API tokens on SQLite (the rules: ../api-token-records.ts). */
export function createApiToken(db: Db, t: NewApiToken): ApiTokenRecord {
  const id = newId('tok');
  db.st('INSERT INTO api_tokens (id, site_id, name, scopes, token_hash, hint, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id, t.siteId, t.name, t.scopes.join(','), t.tokenHash, t.hint, t.createdBy, t.at,
  );
  return { id, siteId: t.siteId, name: t.name, scopes: [...t.scopes], hint: t.hint, createdBy: t.createdBy, createdAt: t.at, lastUsedAt: null, revokedAt: null };
}

export function listApiTokens(db: Db, siteId: string): ApiTokenRecord[] {
  return (db.st(`SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE site_id = ? ORDER BY created_at DESC, id DESC`).all(siteId) as ApiTokenRow[]).map(toApiToken);
}

export function findApiToken(db: Db, tokenHash: string): ApiTokenRecord | null {
  const row = db.st(`SELECT ${API_TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?`).get(tokenHash) as ApiTokenRow | undefined;
  return row ? toApiToken(row) : null;
}

export function revokeApiToken(db: Db, siteId: string, id: string, at: number): boolean {
  return db.st('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND site_id = ? AND revoked_at IS NULL').run(at, id, siteId).changes > 0;
}

export function touchApiToken(db: Db, id: string, at: number): void {
  db.st('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
}
