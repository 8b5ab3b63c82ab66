import type { OutboxItem, Page, StaffEmailPreferences } from '../../protocol/index.ts';
import { requireAdmin, requireStaff } from '../domain/authorize.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { OutboxEmail, OutboxStatus } from '../store/email-records.ts';
import type { Store } from '../store/store.ts';
import type { EmailKeys, Unsubscriber } from './keys.ts';
import { visitorOptedOut } from './opt-out.ts';

/** What admins see of the outbox, an agent's own preference, and the unsubscribe links' effect. */

export const toOutboxItem = (e: OutboxEmail, toVerified: boolean | null): OutboxItem => ({
  id: e.id,
  kind: e.kind,
  conversationId: e.conversationId,
  to: e.to,
  toVerified,
  subject: e.subject,
  status: e.status,
  attempts: e.attempts,
  nextAttemptAt: e.nextAttemptAt,
  lastError: e.lastError,
  createdAt: e.createdAt,
  sentAt: e.sentAt,
});

export async function listOutbox(
  store: Store,
  p: Principal,
  q: { status?: OutboxStatus; cursor?: string | null; limit: number },
): Promise<Page<OutboxItem>> {
  const admin = requireAdmin(p, 'The email outbox');
  const before = q.cursor ? parseCursor(q.cursor) : null;
  const rows = await store.listOutbox({ siteId: admin.siteId, status: q.status, before, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const items = await Promise.all(page.map(async (e) => toOutboxItem(e, await addressVerified(store, e))));
  return { items, nextCursor: rows.length > q.limit && last ? `${last.createdAt}.${last.id}` : null };
}

/**
 * Whether an email's address is verified, as the dashboard says of every address: a staff member's is
 * theirs (null), a visitor's is verified (identity JWT, a reply, a confirmation link) or only typed in.
 * Read now, so an address confirmed after the email was queued shows as verified.
 */
async function addressVerified(store: Store, e: OutboxEmail): Promise<boolean | null> {
  if (e.kind === 'agent.unseen' || !e.conversationId) return null;
  const conversation = await store.getConversation(e.conversationId);
  const visitor = conversation ? await store.getVisitor(conversation.visitorId) : null;
  return !!visitor?.emailVerified && visitor.email?.toLowerCase() === e.to.toLowerCase();
}

function parseCursor(cursor: string): { createdAt: number; id: string } {
  const m = /^(\d{1,16})\.([\w-]{1,128})$/.exec(cursor);
  return m ? { createdAt: Number(m[1]), id: m[2] } : fail('bad_request', 'cursor is not a cursor from nextCursor.');
}

export async function retryOutbox(store: Store, p: Principal, id: string, now: number): Promise<void> {
  const admin = requireAdmin(p, 'Retrying an email');
  if (!(await store.retryOutbox({ siteId: admin.siteId, id, now }))) {
    const email = await store.getOutboxEmail(admin.siteId, id);
    fail(email ? 'conflict' : 'not_found', email ? `Only failed emails are retried; this one is ${email.status}.` : 'No such email.');
  }
}

export async function staffPreferences(store: Store, p: Principal, enabled: boolean): Promise<StaffEmailPreferences> {
  const s = requireStaff(p, 'Email preferences');
  const staff = (await store.getStaff(s.staffId)) ?? fail('not_found', 'No such staff member.');
  const off = await store.emailOptedOut('staff', [s.staffId]);
  return { notifyUnseen: !off.has(s.staffId), address: staff.email, enabled };
}

export async function setStaffPreferences(store: Store, p: Principal, notifyUnseen: boolean, now: number): Promise<void> {
  const s = requireStaff(p, 'Email preferences');
  await store.setEmailOptOut({ siteId: s.siteId, kind: 'staff', id: s.staffId, optedOut: !notifyUnseen, at: now });
}

/** An unsubscribe link's owner, with what the page shows them; null for a link that is not valid (or whose owner is gone). */
export async function unsubscribeTarget(store: Store, keys: EmailKeys, token: string): Promise<{ who: Unsubscriber; siteName: string; language?: string; optedOut: boolean } | null> {
  const who = keys.verifyUnsubscribeToken(token);
  if (!who) return null;
  const site = await store.getSite(who.siteId);
  const person = who.kind === 'visitor' ? await store.getVisitor(who.id) : await store.getStaff(who.id);
  if (!site || !person || person.siteId !== site.id) return null;
  const language = who.kind === 'visitor' ? (person as { context: { language?: string } }).context.language : undefined;
  const optedOut = who.kind === 'visitor' ? await visitorOptedOut(store, person as { id: string; siteId: string; email?: string | null }) : (await store.emailOptedOut('staff', [who.id])).has(who.id);
  return { who, siteName: site.name, language, optedOut };
}
