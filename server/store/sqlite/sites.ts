import type { NewSite, SiteRecord } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { Conflicts, newSiteRecord } from '../records.ts';
import type { Db } from './db.ts';
import { toSite, type SiteRow } from './rows.ts';

export function createSite(db: Db, input: NewSite): SiteRecord {
  const site = newSiteRecord(input, db.now());
  try {
    db.st(
      `INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(site.id, site.key, site.name, JSON.stringify(site.allowedOrigins), site.identitySecret, JSON.stringify(site.settings), site.createdAt);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.site);
    throw err;
  }
  return site;
}

export function getSite(db: Db, id: string): SiteRecord | null {
  const r = db.st('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
  return r ? toSite(r) : null;
}

export function getSiteByKey(db: Db, key: string): SiteRecord | null {
  const r = db.st('SELECT * FROM sites WHERE key = ?').get(key) as SiteRow | undefined;
  return r ? toSite(r) : null;
}

export function listSites(db: Db): SiteRecord[] {
  return (db.st('SELECT * FROM sites ORDER BY created_at, id').all() as SiteRow[]).map(toSite);
}

export function updateSite(
  db: Db,
  id: string,
  patch: Partial<Pick<SiteRecord, 'name' | 'allowedOrigins' | 'settings' | 'identitySecret'>>,
): SiteRecord | null {
  const cur = getSite(db, id);
  if (!cur) return null;
  const next: SiteRecord = {
    ...cur,
    name: patch.name ?? cur.name,
    allowedOrigins: patch.allowedOrigins ?? cur.allowedOrigins,
    settings: patch.settings ?? cur.settings,
    identitySecret: patch.identitySecret ?? cur.identitySecret,
  };
  db.st('UPDATE sites SET name = ?, allowed_origins = ?, settings = ?, identity_secret = ? WHERE id = ?').run(
    next.name,
    JSON.stringify(next.allowedOrigins),
    JSON.stringify(next.settings),
    next.identitySecret,
    id,
  );
  return next;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
