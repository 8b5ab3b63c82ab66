import { demotesOrDeactivates, LAST_ADMIN, otherActiveAdmins, takesAdminAway, type LastAdmin } from '../admin-rules.ts';
import type { PasswordTokenPurpose, StaffPatch, StaffRecord } from '../store.ts';
import { q, q1, tx, type Pg, type Queryable } from './db.ts';
import { toStaff, type StaffRow } from './rows.ts';

/** Team management: a member's role, name, password and deactivation; sessions; password links. */

export async function updateStaff(db: Pg, id: string, patch: StaffPatch): Promise<StaffRecord | null | LastAdmin> {
  const set = (on: Queryable) =>
    q1<StaffRow>(
      on,
      `UPDATE staff SET role = COALESCE($2, role), name = COALESCE($3, name), password_hash = COALESCE($4, password_hash),
         deactivated_at = CASE WHEN $5 THEN $6::bigint ELSE deactivated_at END
       WHERE id = $1 RETURNING *`,
      [id, patch.role ?? null, patch.name ?? null, patch.passwordHash ?? null, patch.deactivatedAt !== undefined, patch.deactivatedAt ?? null],
    ).then((r) => (r ? toStaff(r) : null));
  // A rename or a promotion cannot leave the site without an admin: one statement, no lock.
  if (!demotesOrDeactivates(patch)) return set(db.pool);
  return underAdminLock(db, id, async (c, cur) => (takesAdminAway(cur, patch) && !(await otherAdminLeft(c, cur)) ? LAST_ADMIN : set(c)), null);
}

export async function deleteStaff(db: Pg, id: string): Promise<'removed' | 'absent' | LastAdmin> {
  return underAdminLock(
    db,
    id,
    async (c, cur) => {
      if (cur.role === 'admin' && !(await otherAdminLeft(c, cur))) return LAST_ADMIN;
      return ((await c.query('DELETE FROM staff WHERE id = $1', [id])).rowCount ?? 0) > 0 ? 'removed' : 'absent';
    },
    'absent',
  );
}

/**
 * Runs `write` on the member as it is under their site's advisory transaction lock, which every write
 * that may take an admin away takes first: two such writes on one site (two nodes, two requests) run
 * one after the other, and the second counts the admins the first left (READ COMMITTED: each statement
 * sees what committed before it). A member's site never changes, so it is read before the lock.
 */
async function underAdminLock<T, N>(db: Pg, id: string, write: (c: Queryable, cur: StaffRecord) => Promise<T>, absent: N): Promise<T | N> {
  const site = await q1<{ site_id: string }>(db.pool, 'SELECT site_id FROM staff WHERE id = $1', [id]);
  if (!site) return absent;
  return tx(db.pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley-admins:${site.site_id}`]);
    const cur = await q1<StaffRow>(c, 'SELECT * FROM staff WHERE id = $1', [id]);
    return cur ? write(c, toStaff(cur)) : absent;
  });
}

const otherAdminLeft = async (c: Queryable, member: StaffRecord): Promise<boolean> =>
  Number((await q1<{ count: string }>(c, otherActiveAdmins('$1', '$2'), [member.siteId, member.id]))!.count) > 0;

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
