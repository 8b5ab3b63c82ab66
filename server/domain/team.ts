import type { PasswordLink, Role, StaffMember } from '../../protocol/index.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { Topics } from '../bus/bus.ts';
import { fail } from '../errors.ts';
import { LAST_ADMIN, type LastAdmin } from '../store/admin-rules.ts';
import type { StaffRecord } from '../store/store.ts';
import { requireAdmin, requireStaff, type StaffPrincipal } from './authorize.ts';
import type { DomainContext } from './context.ts';
import { updateConversation } from './conversation-update.ts';
import { isLinkToken, newPasswordLink, tokenHash } from './password-links.ts';
import type { Principal } from './principal.ts';
import { publishAll } from './routing.ts';
import { toMember } from './team-member.ts';

/**
 * The team of a site, run by its admins: invite, change role, deactivate, remove, reset a password;
 * and what every member does for themselves: password, name, "sign out everywhere". Whatever ends a
 * session tells that member's open sockets at once (`session.revoked` on their topic: each socket
 * rechecks its session row and closes if it is gone), not at the next heartbeat.
 */
export function createTeam(ctx: DomainContext) {
  const linkTtl = () => ctx.config.passwordLinkTtlSec * 1000;
  const sessionsEnded = (staffId: string) => publishAll(ctx.bus, [Topics.staff(staffId)], { kind: 'session.revoked' }, ctx.onPublishError);

  async function memberOf(admin: StaffPrincipal, id: string): Promise<StaffRecord> {
    const m = typeof id === 'string' ? await ctx.store.getStaff(id) : null;
    return m && m.siteId === admin.siteId ? m : fail('not_found', 'No such team member.');
  }
  /**
   * The store refuses, in the write's own transaction, a change that would leave the site with no admin
   * who can sign in (admin-rules.ts: two admins demoting each other at once leave one); this is its 409.
   */
  function keptAnAdmin<T>(written: T | LastAdmin): T {
    return written === LAST_ADMIN ? fail('conflict', 'A site needs at least one active admin: make someone else admin first.') : (written as T);
  }
  /** Open conversations of a member who is leaving go back to the unassigned queue (each publishes its change). */
  async function unassignAll(admin: StaffPrincipal, staffId: string): Promise<number> {
    let cursor: string | null = null;
    let n = 0;
    do {
      const page = await ctx.store.listInbox({ siteId: admin.siteId, staffId: admin.staffId, assignee: staffId, cursor, limit: 100 });
      for (const { conversation } of page.items) {
        if (conversation.status === 'resolved') continue;
        await updateConversation(ctx, admin, conversation.id, { assigneeId: null });
        n++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  }
  async function endSessions(staffId: string, keep?: string): Promise<void> {
    await ctx.store.revokeStaffSessions(staffId, keep);
    await sessionsEnded(staffId);
  }
  const checkPassword = (password: string, email: string) => {
    const problem = passwordProblem(password, email);
    if (problem) fail('weak_password', problem);
  };

  return {
    async listMembers(p: Principal): Promise<StaffMember[]> {
      const admin = requireAdmin(p, 'The team list');
      return (await ctx.store.listStaff(admin.siteId)).map((s) => toMember(s, ctx.presence.staffStatus(s.id)));
    },

    /**
     * A new member without a password, and the link that sets it (the admin hands it over). Someone who
     * already has a password on another site of this server is the same person: they join with it (no
     * link) and switch to this site from the dashboard.
     */
    async invite(p: Principal, input: { email: string; name: string; role: Role }): Promise<{ staff: StaffMember; link: PasswordLink | null }> {
      const admin = requireAdmin(p, 'Inviting a member');
      const email = input.email.trim().toLowerCase();
      const existing = (await ctx.store.findStaffByEmail(email)).find((m) => m.passwordHash !== '');
      const staff = await ctx.store.createStaff({ siteId: admin.siteId, email, name: input.name.trim(), role: input.role, passwordHash: existing?.passwordHash ?? '' });
      const link = existing ? null : await newPasswordLink(ctx.store, staff.id, 'invite', ctx.now(), linkTtl());
      return { staff: toMember(staff, 'offline'), link };
    },

    async changeRole(p: Principal, id: string, role: Role): Promise<StaffMember> {
      const admin = requireAdmin(p, 'Changing a role');
      const m = await memberOf(admin, id);
      if (m.role === role) return toMember(m, ctx.presence.staffStatus(m.id));
      // Takes effect at once: every REST request reads the member's role afresh.
      const u = keptAnAdmin(await ctx.store.updateStaff(m.id, { role }))!;
      return toMember(u, ctx.presence.staffStatus(m.id));
    },

    /** Deactivated: sessions revoked and sockets closed at once, open conversations unassigned; history kept. */
    async setActive(p: Principal, id: string, active: boolean): Promise<{ staff: StaffMember; unassigned: number }> {
      const admin = requireAdmin(p, 'Deactivating a member');
      const m = await memberOf(admin, id);
      if (m.id === admin.staffId && !active) fail('conflict', 'You cannot deactivate yourself; ask another admin.');
      if (active) {
        const u = keptAnAdmin(await ctx.store.updateStaff(m.id, { deactivatedAt: null }))!;
        return { staff: toMember(u, 'offline'), unassigned: 0 };
      }
      // Written (and so checked) even when already deactivated; the first time is kept.
      const u = keptAnAdmin(await ctx.store.updateStaff(m.id, { deactivatedAt: m.deactivatedAt ?? ctx.now() }))!;
      await endSessions(m.id);
      const unassigned = await unassignAll(admin, m.id);
      return { staff: toMember(u, 'offline'), unassigned };
    },

    /** Gone for good: their messages keep the name they were sent with; their conversations are unassigned first. */
    async remove(p: Principal, id: string): Promise<void> {
      const admin = requireAdmin(p, 'Removing a member');
      const m = await memberOf(admin, id);
      if (m.id === admin.staffId) fail('conflict', 'You cannot remove yourself; ask another admin.');
      // An admin is deactivated first, so the store refuses the last one before anything else happens.
      if (m.role === 'admin') keptAnAdmin(await ctx.store.updateStaff(m.id, { deactivatedAt: m.deactivatedAt ?? ctx.now() }));
      await endSessions(m.id);
      await unassignAll(admin, m.id);
      keptAnAdmin(await ctx.store.deleteStaff(m.id));
      ctx.staffNames.forget(m.id);
    },

    /**
     * The old password stops working, every session ends, and a link sets a new one. One person has one
     * password on all their sites, so a reset takes it away on every one of them, and the link sets the
     * password they use on all: only an admin of every site the person belongs to may do that. Otherwise
     * (a tenant admin resetting someone who also works for another tenant) it is `409 conflict`: one
     * site's admin must neither lock a person out of other sites nor pick the password that opens them.
     * The person changes it themselves (Account), or an admin of all their sites resets it.
     */
    async resetPassword(p: Principal, id: string): Promise<PasswordLink> {
      const admin = requireAdmin(p, 'Resetting a password');
      const m = await memberOf(admin, id);
      const all = await ctx.store.findStaffByEmail(m.email);
      const others = all.filter((o) => o.siteId !== m.siteId);
      if (others.length > 0) {
        const me = await ctx.store.getStaff(admin.staffId);
        const adminOf = new Set((me ? await ctx.store.findStaffByEmail(me.email) : []).filter((x) => x.role === 'admin' && x.deactivatedAt === null).map((x) => x.siteId));
        if (!others.every((o) => adminOf.has(o.siteId))) {
          fail('conflict', `${m.name} also belongs to other sites on this server, where you are not an admin; they change their password themselves, or an admin of all their sites resets it.`);
        }
      }
      await ctx.store.setPasswordHashForEmail(m.email, '');
      for (const o of all) await endSessions(o.id);
      return newPasswordLink(ctx.store, m.id, m.passwordHash === '' ? 'invite' : 'reset', ctx.now(), linkTtl());
    },

    /** Needs the current password; every other session of theirs ends. */
    async changeOwnPassword(p: Principal, current: string, next: string): Promise<void> {
      const me = requireStaff(p, 'Changing a password');
      const m = (await ctx.store.getStaff(me.staffId)) ?? fail('unauthorized', 'This account no longer exists.');
      // Not 401: the caller's session is fine, only the form's field is wrong.
      if (!(await verifyPassword(current, m.passwordHash))) fail('bad_request', 'The current password is wrong.');
      checkPassword(next, m.email);
      // One password for every site they belong to; every other session of theirs ends.
      await ctx.store.setPasswordHashForEmail(m.email, await hashPassword(next));
      for (const membership of await ctx.store.findStaffByEmail(m.email)) await endSessions(membership.id, me.sessionId);
    },

    /** Every session of theirs, on every site they belong to. */
    async signOutEverywhere(p: Principal): Promise<void> {
      const me = requireStaff(p, 'Signing out');
      const m = await ctx.store.getStaff(me.staffId);
      for (const membership of m ? await ctx.store.findStaffByEmail(m.email) : []) await endSessions(membership.id);
      await endSessions(me.staffId);
    },

    async updateProfile(p: Principal, input: { name: string }): Promise<StaffMember> {
      const me = requireStaff(p, 'Changing your name');
      const name = input.name.trim();
      if (!name) fail('bad_request', 'name must not be empty.');
      const u = keptAnAdmin(await ctx.store.updateStaff(me.staffId, { name })) ?? fail('unauthorized', 'This account no longer exists.');
      ctx.staffNames.forget(u.id);
      return toMember(u, ctx.presence.staffStatus(u.id));
    },

    /** What a password link is for (the page shows whose it is), without using it. */
    async passwordLink(token: string): Promise<{ purpose: 'invite' | 'reset'; email: string; name: string; siteName: string }> {
      const found = isLinkToken(token) ? await ctx.store.findPasswordToken(tokenHash(token), ctx.now(), false) : null;
      const m = found && (await ctx.store.getStaff(found.staffId));
      const site = m && (await ctx.store.getSite(m.siteId));
      if (!found || !m || !site) return fail('not_found', 'This link has expired or was already used; ask your admin for a new one.');
      return { purpose: found.purpose, email: m.email, name: m.name, siteName: site.name };
    },

    /** Sets the password a link was for and uses the link up; answers the member (the route signs them in). */
    async setPasswordWithLink(token: string, password: string): Promise<StaffRecord> {
      const peek = await this.passwordLink(token);
      checkPassword(password, peek.email);
      const hash = await hashPassword(password);
      const used = await ctx.store.findPasswordToken(tokenHash(token), ctx.now(), true);
      if (!used) return fail('not_found', 'This link has expired or was already used; ask your admin for a new one.');
      const m = (await ctx.store.getStaff(used.staffId)) ?? fail('not_found', 'This account no longer exists.');
      if (m.deactivatedAt !== null) fail('forbidden', 'This account is deactivated; ask your admin.');
      await ctx.store.setPasswordHashForEmail(m.email, hash);
      for (const membership of await ctx.store.findStaffByEmail(m.email)) await endSessions(membership.id);
      return { ...m, passwordHash: hash };
    },

    /** Any session of theirs ended elsewhere (logout): its sockets close now. */
    sessionsEnded,
  };
}

export type Team = ReturnType<typeof createTeam>;
