import { LAST_ADMIN, otherActiveAdmins, takesAdminAway, type LastAdmin } from '../admin-rules.ts';
import type { PasswordTokenPurpose, StaffPatch, StaffRecord } from '../store.ts';
import type { Db } from './db.ts';
import { getStaff } from './staff.ts';
import { toStaff, type StaffRow } from './rows.ts';

/** Team management: a member's role, name, password and deactivation; sessions; password links. */

export function updateStaff(db: Db, id: string, patch: StaffPatch): StaffRecord | null | LastAdmin {
  // IMMEDIATE: the write lock is taken before the check reads, so no other connection (another
  // process on this file) can demote the site's other admin in between.
  return db.raw.transaction((): StaffRecord | null | LastAdmin => {
    const cur = getStaff(db, id);
    if (!cur) return null;
    if (takesAdminAway(cur, patch) && !otherAdminLeft(db, cur)) return LAST_ADMIN;
    const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as StaffRecord;
    db.st('UPDATE staff SET role = ?, name = ?, password_hash = ?, deactivated_at = ? WHERE id = ?').run(next.role, next.name, next.passwordHash, next.deactivatedAt, id);
    return next;
  }).immediate();
}

export function deleteStaff(db: Db, id: string): 'removed' | 'absent' | LastAdmin {
  return db.raw.transaction((): 'removed' | 'absent' | LastAdmin => {
    const cur = getStaff(db, id);
    if (!cur) return 'absent';
    if (cur.role === 'admin' && !otherAdminLeft(db, cur)) return LAST_ADMIN;
    db.st('DELETE FROM staff WHERE id = ?').run(id);
    return 'removed';
  }).immediate();
}

const otherAdminLeft = (db: Db, member: StaffRecord): boolean => (db.st(otherActiveAdmins('?', '?')).pluck().get(member.siteId, member.id) as number) > 0;

export function revokeStaffSessions(db: Db, staffId: string, keep: string | undefined): number {
  return db.st('UPDATE staff_sessions SET revoked = 1 WHERE staff_id = ? AND revoked = 0 AND id IS NOT ?').run(staffId, keep ?? null).changes;
}

export function createPasswordToken(db: Db, input: { tokenHash: string; staffId: string; purpose: PasswordTokenPurpose; expiresAt: number; at: number }): void {
  db.st('DELETE FROM password_tokens WHERE staff_id = ?').run(input.staffId);
  db.st('INSERT INTO password_tokens (token_hash, staff_id, purpose, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(
    input.tokenHash,
    input.staffId,
    input.purpose,
    input.expiresAt,
    input.at,
  );
}

export function findPasswordToken(db: Db, tokenHash: string, now: number, consume: boolean): { staffId: string; purpose: PasswordTokenPurpose } | null {
  const sql = consume
    ? 'DELETE FROM password_tokens WHERE token_hash = ? AND expires_at > ? RETURNING staff_id, purpose'
    : 'SELECT staff_id, purpose FROM password_tokens WHERE token_hash = ? AND expires_at > ?';
  const r = db.st(sql).get(tokenHash, now) as { staff_id: string; purpose: PasswordTokenPurpose } | undefined;
  return r ? { staffId: r.staff_id, purpose: r.purpose } : null;
}

export function setPasswordHashForEmail(db: Db, email: string, passwordHash: string): number {
  return db.st('UPDATE staff SET password_hash = ? WHERE email = ?').run(passwordHash, email).changes;
}
