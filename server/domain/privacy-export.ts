import type { Conversation, Message, TimelineEvent, Visitor } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { AttachmentRecord, Store } from '../store/store.ts';
import { requireAdmin } from './authorize.ts';
import type { Principal } from './principal.ts';

/** How an operator names the person of an access or erasure request: exactly one of these. */
export interface PrivacyLookup {
  visitorId?: string;
  email?: string;
  /** The site's own user id (the `sub` of its user JWT). */
  userId?: string;
}

/** Everything Parley holds about one person on one site (GDPR art. 15), as export.json says it. */
export interface VisitorExport {
  format: 'parley.visitor-export';
  version: 1;
  exportedAt: number;
  site: { id: string; name: string };
  lookup: PrivacyLookup;
  visitors: {
    visitor: Visitor;
    /** The address of their latest session (kept for blocks). */
    lastAddress: string | null;
    conversations: { conversation: Conversation; messages: Message[]; timeline: TimelineEvent[] }[];
  }[];
  /** Each file sent in those conversations; `file` is its path in the archive. */
  attachments: (Omit<AttachmentRecord, 'storagePath' | 'siteId'> & { file: string })[];
}

/** An export and where each attachment's bytes are (the transport packs them beside export.json). */
export interface CollectedExport {
  data: VisitorExport;
  files: { file: string; storagePath: string }[];
}

const PAGE = 500;

/** The visitor records a lookup names, on the caller's site; not_found when there are none. */
export async function findPerson(store: Store, siteId: string, lookup: PrivacyLookup): Promise<Visitor[]> {
  const given = (['visitorId', 'email', 'userId'] as const).filter((k) => typeof lookup[k] === 'string' && lookup[k]!.trim());
  if (given.length !== 1) fail('bad_request', 'Name the person by exactly one of visitorId, email or userId.');
  const found: Visitor[] = [];
  if (lookup.visitorId) {
    const v = await store.getVisitor(lookup.visitorId.trim());
    if (v && v.siteId === siteId) found.push(v);
  } else if (lookup.userId) {
    const v = await store.findVisitorByExternalId(siteId, lookup.userId.trim());
    if (v) found.push(v);
  } else found.push(...(await store.findVisitorsByEmail(siteId, lookup.email!)));
  if (!found.length) fail('not_found', 'No visitor of this site matches.');
  return found;
}

/** Every message of a conversation, notes included, ascending (paged through the store). */
async function allMessages(store: Store, conversationId: string): Promise<Message[]> {
  const pages: Message[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await store.history(conversationId, { before, limit: PAGE, includeNotes: true });
    pages.unshift(page.messages);
    if (!page.hasMore || !page.messages.length) break;
    before = page.messages[0].seq;
  }
  return pages.flat();
}

/** Admins (and API tokens with the privacy scope, which act as admins) export one person. */
export async function collectExport(store: Store, p: Principal, lookup: PrivacyLookup, now: number): Promise<CollectedExport> {
  const admin = requireAdmin(p, 'Exporting a visitor');
  const site = await store.getSite(admin.siteId);
  const people = await findPerson(store, admin.siteId, lookup);
  const data: VisitorExport = {
    format: 'parley.visitor-export',
    version: 1,
    exportedAt: now,
    site: { id: admin.siteId, name: site?.name ?? '' },
    lookup,
    visitors: [],
    attachments: [],
  };
  const files: CollectedExport['files'] = [];
  for (const visitor of people) {
    const conversations = [];
    for (const conversation of await store.listVisitorConversations(visitor.id)) {
      const messages = await allMessages(store, conversation.id);
      const timeline = await store.timeline(conversation.id, { afterSeq: 0, beforeSeq: Number.MAX_SAFE_INTEGER }, Number.MAX_SAFE_INTEGER, false);
      conversations.push({ conversation, messages, timeline });
      for (const m of messages) {
        for (const a of m.attachments) {
          const rec = await store.getAttachment(a.id);
          if (!rec || rec.siteId !== admin.siteId) continue;
          const { storagePath, siteId: _site, ...meta } = rec;
          const file = `attachments/${rec.id}/${safeName(rec.name)}`;
          data.attachments.push({ ...meta, file });
          files.push({ file, storagePath });
        }
      }
    }
    data.visitors.push({ visitor, lastAddress: await store.visitorAddress(visitor.id), conversations });
  }
  return { data, files };
}

/** A file name that stays one path segment in the archive. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f/\\]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return cleaned || 'file';
}
