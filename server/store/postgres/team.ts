import type { PasswordTokenPurpose, StaffPatch, StaffRecord } from '../store.ts';
import { q, q1, type Pg } from './db.ts';
import { toStaff, type StaffRow } from './rows.ts';

/** Team management: a member's role, name, password and deactivation; sessions; password links. */

export async function updateStaff(db: Pg, id: string, patch: StaffPatch): Promise<StaffRecord | null> {
  const r = await q1<StaffRow>(
    db.pool,
    `UPDATE staff SET role = COALESCE($2, role), name = COALESCE($3, name), password_hash = COALESCE($4, password_hash),
       deactivated_at = CASE WHEN $5 THEN $6::bigint ELSE deactivated_at END
     WHERE id = $1 RETURNING *`,
    [id, patch.role ?? null, patch.name ?? null, patch.passwordHash ?? null, patch.deactivatedAt !== undefined, patch.deactivatedAt ?? null],
  );
  return r ? toStaff(r) : null;
}

export async function deleteStaff(db: Pg, id: string): Promise<boolean> {
  return (await q<{ id: string }>(db.pool, 'DELETE FROM staff WHERE id = $1 RETURNING id', [id])).length > 0;
}

export async function revokeStaffSessions(db: Pg, staffId: string, keep: string | undefined): Promise<number> {
  const rows = await q<{ id: string }>(
    db.pool,
    'UPDATE staff_sessions SET revoked = true WHERE staff_id = $1 AND NOT revoked AND id IS DISTINCT FROM $2 RETURNING id',
    [staffId, keep ?? null],
  );
  return rows.length;
}

export async function createPasswordToken(db: Pg, input: { tokenHash: string; staffId: string; purpose: PasswordTokenPurpose; expiresAt: number; at: number }): Promise<void> {
  await q(
    db.pool,
    `WITH gone AS (DELETE FROM password_tokens WHERE staff_id = $2)
     INSERT INTO password_tokens (token_hash, staff_id, purpose, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [input.tokenHash, input.staffId, input.purpose, input.expiresAt, input.at],
  );
}

export async function findPasswordToken(db: Pg, tokenHash: string, now: number, consume: boolean): Promise<{ staffId: string; purpose: PasswordTokenPurpose } | null> {
  const sql = consume
    ? 'DELETE FROM password_tokens WHERE token_hash = $1 AND expires_at > $2 RETURNING staff_id, purpose'
    : 'SELECT staff_id, purpose FROM password_tokens WHERE token_hash = $1 AND expires_at > $2';
  const r = await q1<{ staff_id: string; purpose: PasswordTokenPurpose }>(db.pool, sql, [tokenHash, now]);
  return r ? { staffId: r.staff_id, purpose: r.purpose } : null;
}

export async function setPasswordHashForEmail(db: Pg, email: string, passwordHash: string): Promise<number> {
  return (await q<{ id: string }>(db.pool, 'UPDATE staff SET password_hash = $2 WHERE lower(email) = lower($1) RETURNING id', [email, passwordHash])).length;
}
