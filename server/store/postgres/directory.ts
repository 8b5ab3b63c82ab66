import type { StaffAvailability } from '../../../protocol/index.ts';
import type { NewSite, NewStaff, SiteRecord, SiteUpdate, StaffRecord } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { Conflicts, newSiteRecord, newStaffRecord } from '../records.ts';
import { isForeignKeyViolation, isUniqueViolation, q, q1, tx, type Pg } from './db.ts';
import { claimFirstOwner } from './server-owners.ts';
import { toSite, toStaff, toStaffSession, type SiteRow, type StaffRow, type StaffSessionRow } from './rows.ts';

/** Sites, staff and staff sessions: the tenant directory. */

export async function createSite(db: Pg, input: NewSite): Promise<SiteRecord> {
  const site = newSiteRecord(input, db.now());
  try {
    await tx(db.pool, async (c) => {
      await c.query('INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        site.id,
        site.key,
        site.name,
        JSON.stringify(site.allowedOrigins),
        site.identitySecret,
        JSON.stringify(site.settings),
        site.createdAt,
      ]);
      await c.query('INSERT INTO event_counters (site_id) VALUES ($1)', [site.id]);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.site);
    throw err;
  }
  return site;
}

export async function getSite(db: Pg, id: string): Promise<SiteRecord | null> {
  const r = await q1<SiteRow>(db.pool, 'SELECT * FROM sites WHERE id = $1', [id]);
  return r ? toSite(r) : null;
}
export async function getSiteByKey(db: Pg, key: string): Promise<SiteRecord | null> {
  const r = await q1<SiteRow>(db.pool, 'SELECT * FROM sites WHERE key = $1', [key]);
  return r ? toSite(r) : null;
}
export async function listSites(db: Pg): Promise<SiteRecord[]> {
  return (await q<SiteRow>(db.pool, 'SELECT * FROM sites ORDER BY created_at, id')).map(toSite);
}
export async function updateSite(
  db: Pg,
  id: string,
  patch: SiteUpdate,
): Promise<SiteRecord | null> {
  const r = await q1<SiteRow>(
    db.pool,
    `UPDATE sites SET name = COALESCE($2, name), allowed_origins = COALESCE($3, allowed_origins),
       settings = COALESCE($4, settings), identity_secret = COALESCE($5, identity_secret),
       previous_identity_secret = CASE WHEN $6 THEN $7 ELSE previous_identity_secret END,
       previous_identity_until = CASE WHEN $6 THEN $8::bigint ELSE previous_identity_until END
     WHERE id = $1 RETURNING *`,
    [
      id,
      patch.name ?? null,
      patch.allowedOrigins ? JSON.stringify(patch.allowedOrigins) : null,
      patch.settings ? JSON.stringify(patch.settings) : null,
      patch.identitySecret ?? null,
      patch.previousIdentity !== undefined,
      patch.previousIdentity?.secret ?? null,
      patch.previousIdentity?.until ?? null,
    ],
  );
  return r ? toSite(r) : null;
}

export async function createStaff(db: Pg, input: NewStaff): Promise<StaffRecord> {
  const staff = newStaffRecord(input, db.now());
  try {
    await db.pool.query(
      'INSERT INTO staff (id, site_id, email, name, role, password_hash, availability, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [staff.id, staff.siteId, staff.email, staff.name, staff.role, staff.passwordHash, staff.availability, staff.createdAt],
    );
    if (staff.role === 'admin') await claimFirstOwner(db, staff.email, staff.createdAt);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.staff);
    if (isForeignKeyViolation(err)) throw new ParleyError('not_found', 'Unknown site.');
    throw err;
  }
  return staff;
}
export async function getStaff(db: Pg, id: string): Promise<StaffRecord | null> {
  const r = await q1<StaffRow>(db.pool, 'SELECT * FROM staff WHERE id = $1', [id]);
  return r ? toStaff(r) : null;
}
export async function findStaffByEmail(db: Pg, email: string): Promise<StaffRecord[]> {
  return (await q<StaffRow>(db.pool, 'SELECT * FROM staff WHERE lower(email) = lower($1) ORDER BY created_at, id', [email])).map(toStaff);
}
export async function listStaff(db: Pg, siteId: string): Promise<StaffRecord[]> {
  return (await q<StaffRow>(db.pool, 'SELECT * FROM staff WHERE site_id = $1 ORDER BY name, id', [siteId])).map(toStaff);
}
export async function setStaffAvailability(db: Pg, id: string, availability: StaffAvailability): Promise<void> {
  await db.pool.query('UPDATE staff SET availability = $2 WHERE id = $1', [id, availability]);
}
export async function createStaffSession(db: Pg, input: { id: string; staffId: string; expiresAt: number }): Promise<void> {
  await db.pool.query('INSERT INTO staff_sessions (id, staff_id, expires_at) VALUES ($1, $2, $3)', [input.id, input.staffId, input.expiresAt]);
}
export async function getStaffSession(db: Pg, id: string, now: number): Promise<{ id: string; staffId: string; expiresAt: number } | null> {
  const r = await q1<StaffSessionRow>(db.pool, 'SELECT id, staff_id, expires_at FROM staff_sessions WHERE id = $1 AND NOT revoked AND expires_at > $2', [id, now]);
  return r ? toStaffSession(r) : null;
}
export async function revokeStaffSession(db: Pg, id: string): Promise<void> {
  await db.pool.query('UPDATE staff_sessions SET revoked = true WHERE id = $1', [id]);
}

export async function touchStaffSession(db: Pg, id: string, at: number): Promise<void> {
  await db.pool.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $2)', [id, at]);
}
export async function staffSessionLastSeen(db: Pg, id: string): Promise<number | null> {
  const r = await q1<{ at: string | null }>(db.pool, 'SELECT last_seen_at AS at FROM staff_sessions WHERE id = $1', [id]);
  return r?.at == null ? null : Number(r.at);
}
