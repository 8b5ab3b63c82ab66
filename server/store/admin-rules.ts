import type { StaffPatch, StaffRecord } from './store.ts';

/**
 * A site never loses its last active admin: both stores refuse, inside the write's own transaction, to
 * demote, deactivate or remove an admin when no other member of the site is an active admin (role
 * admin, not deactivated, a password set: an invited admin cannot sign in yet, so does not count). The
 * check and the write are one transaction (BEGIN IMMEDIATE on SQLite; a per-site advisory lock on
 * PostgreSQL), so two admins demoting or removing each other at once leave one of them an admin, on
 * one server or many. The store answers LAST_ADMIN and changes nothing; the domain makes it the 409.
 */
export const LAST_ADMIN = 'last_admin';
export type LastAdmin = typeof LAST_ADMIN;

/** A patch that demotes or deactivates whoever it is applied to (only an admin's can lose the site its admin). */
export const demotesOrDeactivates = (patch: StaffPatch): boolean =>
  (patch.role !== undefined && patch.role !== 'admin') || (patch.deactivatedAt !== undefined && patch.deactivatedAt !== null);

/** Does this patch take admin rights from the member? */
export const takesAdminAway = (member: Pick<StaffRecord, 'role'>, patch: StaffPatch): boolean => member.role === 'admin' && demotesOrDeactivates(patch);

/** The active admins of a site but one member (both stores' SQL: `?` placeholders, `$n` on PostgreSQL). */
export const otherActiveAdmins = (site: string, but: string) =>
  `SELECT count(*) FROM staff WHERE site_id = ${site} AND id <> ${but} AND role = 'admin' AND deactivated_at IS NULL AND password_hash <> ''`;
