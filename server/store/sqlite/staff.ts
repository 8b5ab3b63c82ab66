import type { StaffAvailability } from '../../../protocol/index.ts';
import type { NewStaff, StaffRecord } from '../store.ts';
import { ParleyError } from '../../errors.ts';
import { Conflicts, newStaffRecord } from '../records.ts';
import type { Db } from './db.ts';
import { claimFirstOwner } from './server-owners.ts';
import { toStaff, toStaffSession, type StaffRow, type StaffSessionRow } from './rows.ts';
import { isUniqueViolation } from './sites.ts';

export function createStaff(db: Db, input: NewStaff): StaffRecord {
  const staff = newStaffRecord(input, db.now());
  try {
    db.st(
      `INSERT INTO staff (id, site_id, email, name, role, password_hash, availability, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(staff.id, staff.siteId, staff.email, staff.name, staff.role, staff.passwordHash, staff.availability, staff.createdAt);
    if (staff.role === 'admin') claimFirstOwner(db, staff.email, staff.createdAt);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ParleyError('conflict', Conflicts.staff);
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new ParleyError('not_found', 'Unknown site.');
    throw err;
  }
  return staff;
}

export function getStaff(db: Db, id: string): StaffRecord | null {
  const r = db.st('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
  return r ? toStaff(r) : null;
}

/** Case-insensitive (the column is COLLATE NOCASE). */
export function findStaffByEmail(db: Db, email: string): StaffRecord[] {
  return (db.st('SELECT * FROM staff WHERE email = ? ORDER BY created_at, id').all(email) as StaffRow[]).map(toStaff);
}

export function listStaff(db: Db, siteId: string): StaffRecord[] {
  return (db.st('SELECT * FROM staff WHERE site_id = ? ORDER BY name, id').all(siteId) as StaffRow[]).map(toStaff);
}

export function setStaffAvailability(db: Db, id: string, availability: StaffAvailability): void {
  db.st('UPDATE staff SET availability = ? WHERE id = ?').run(availability, id);
}

export function createStaffSession(db: Db, input: { id: string; staffId: string; expiresAt: number }): void {
  db.st('INSERT INTO staff_sessions (id, staff_id, expires_at) VALUES (?, ?, ?)').run(input.id, input.staffId, input.expiresAt);
}

export function getStaffSession(db: Db, id: string, now: number): { id: string; staffId: string; expiresAt: number } | null {
  const r = db.st('SELECT id, staff_id, expires_at FROM staff_sessions WHERE id = ? AND revoked = 0 AND expires_at > ?').get(id, now) as
    | StaffSessionRow
    | undefined;
  return r ? toStaffSession(r) : null;
}

export function revokeStaffSession(db: Db, id: string): void {
  db.st('UPDATE staff_sessions SET revoked = 1 WHERE id = ?').run(id);
}

export function touchStaffSession(db: Db, id: string, at: number): void {
  db.st('UPDATE staff_sessions SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)').run(at, id, at);
}

export function staffSessionLastSeen(db: Db, id: string): number | null {
  const r = db.st('SELECT last_seen_at AS at FROM staff_sessions WHERE id = ?').get(id) as { at: number | null } | undefined;
  return r?.at ?? null;
}
