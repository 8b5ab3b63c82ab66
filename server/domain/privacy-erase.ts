import type { DomainContext } from './context.ts';
import { requireAdmin } from './authorize.ts';
import type { Principal } from './principal.ts';
import { findPerson, type PrivacyLookup } from './privacy-export.ts';
import { publishDurable } from './publish.ts';

/** What an erasure did, for the admin (and the log): counts only, nothing of the person. */
export interface ErasureSummary {
  visitors: number;
  conversations: number;
  files: number;
  /** The site keeps tombstones (settings.erasureTombstone). */
  tombstone: boolean;
}

/**
 * Erases one person of the admin's site (GDPR art. 17): every visitor record the lookup names, in one
 * store transaction each (store/privacy-records.ts); then their files are unlinked and the
 * conversation.erased events published, so open dashboards drop what they show. Their tokens stop
 * working at once (every visitor request and socket hello checks the record), and open sockets close
 * at their next heartbeat.
 */
export async function eraseVisitor(ctx: DomainContext, p: Principal, lookup: PrivacyLookup): Promise<ErasureSummary> {
  const admin = requireAdmin(p, 'Erasing a visitor');
  const site = await ctx.store.getSite(admin.siteId);
  const tombstone = site?.settings.erasureTombstone === true;
  const people = await findPerson(ctx.store, admin.siteId, lookup);
  const summary: ErasureSummary = { visitors: 0, conversations: 0, files: 0, tombstone };
  for (const person of people) {
    const r = await ctx.store.eraseVisitor({ siteId: admin.siteId, visitorId: person.id, tombstone, at: ctx.now(), by: admin.staffId });
    if (!r.visitorErased) continue; // erased meanwhile (the same email, two requests)
    summary.visitors++;
    summary.conversations += r.conversations;
    // After the commit: a file that fails to go is an orphan nothing serves (its record is gone).
    for (const path of r.storagePaths) if (ctx.removeAttachmentFile) await ctx.removeAttachmentFile(path).then(() => summary.files++, () => {});
    publishDurable(ctx, admin.siteId, person.id, r.events);
  }
  return summary;
}
