import type { NewSite, SiteRecord, SiteUpdate } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { Conflicts, newSiteRecord } from '../records.ts';
import type { Db } from './db.ts';
import { toSite, type SiteRow } from './rows.ts';

/**
 * Sites are read on every WebSocket upgrade (by key) and every hello (by id), and change rarely, so
 * they are kept in memory: dropped on every write below, and whenever another connection (the CLI)
 * has committed anything (db.externalChanges). Cached records are frozen: callers share them.
 */
export class SiteCache {
  private readonly byId = new Map<string, SiteRecord>();
  private readonly idByKey = new Map<string, string>();
  constructor(private readonly db: Pick<Db, 'st' | 'externalChanges'>) {
    db.externalChanges.onChange(() => this.clear());
  }

  byKey(key: string): SiteRecord | null {
    this.db.externalChanges.check();
    const id = this.idByKey.get(key);
    if (id !== undefined) return this.byId.get(id) ?? null;
    const r = this.db.st('SELECT * FROM sites WHERE key = ?').get(key) as SiteRow | undefined;
    return r ? this.keep(toSite(r)) : null;
  }
  get(id: string): SiteRecord | null {
    this.db.externalChanges.check();
    const hit = this.byId.get(id);
    if (hit !== undefined) return hit;
    const r = this.db.st('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
    return r ? this.keep(toSite(r)) : null;
  }
  clear(): void {
    this.byId.clear();
    this.idByKey.clear();
  }
  private keep(site: SiteRecord): SiteRecord {
    Object.freeze(site.allowedOrigins);
    Object.freeze(site.settings);
    Object.freeze(site);
    this.byId.set(site.id, site);
    this.idByKey.set(site.key, site.id);
    return site;
  }
}

export function createSite(db: Db, input: NewSite): SiteRecord {
  db.sites.clear();
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
  return db.sites.get(id);
}

export function getSiteByKey(db: Db, key: string): SiteRecord | null {
  return db.sites.byKey(key);
}

export function listSites(db: Db): SiteRecord[] {
  return (db.st('SELECT * FROM sites ORDER BY created_at, id').all() as SiteRow[]).map(toSite);
}

export function updateSite(
  db: Db,
  id: string,
  patch: SiteUpdate,
): SiteRecord | null {
  const cur = getSite(db, id);
  if (!cur) return null;
  db.sites.clear();
  const { previousIdentitySecret: _s, previousIdentityUntil: _u, ...base } = cur;
  const previous = patch.previousIdentity === undefined ? (cur.previousIdentitySecret ? { secret: cur.previousIdentitySecret, until: cur.previousIdentityUntil! } : null) : patch.previousIdentity;
  const next: SiteRecord = {
    ...base,
    name: patch.name ?? cur.name,
    allowedOrigins: patch.allowedOrigins ?? cur.allowedOrigins,
    settings: patch.settings ?? cur.settings,
    identitySecret: patch.identitySecret ?? cur.identitySecret,
    ...(previous ? { previousIdentitySecret: previous.secret, previousIdentityUntil: previous.until } : {}),
  };
  db.st('UPDATE sites SET name = ?, allowed_origins = ?, settings = ?, identity_secret = ?, previous_identity_secret = ?, previous_identity_until = ? WHERE id = ?').run(
    next.name,
    JSON.stringify(next.allowedOrigins),
    JSON.stringify(next.settings),
    next.identitySecret,
    previous?.secret ?? null,
    previous?.until ?? null,
    id,
  );
  return next;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
