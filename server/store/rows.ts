import type { Actor, Attachment, Message, Role, SiteSettings, StaffAvailability, Visitor, VisitorContext } from '../../protocol/index.ts';
import type { AttachmentRecord, CannedResponse, SiteRecord, StaffRecord } from './store.ts';

/**
 * Table rows as a driver returns them, and their mapping to the records the Store hands out. The
 * tables are the same on every dialect; only two kinds of column come back differently, so rows
 * are generic over them: JSON (SQLite: text; PostgreSQL JSONB: already parsed) and booleans
 * (SQLite: 0/1). Each dialect passes its decoder to rowMappers once (sqlite/rows.ts, postgres/rows.ts).
 */
export interface Encoding {
  json: unknown;
  bool: unknown;
}
export interface Decoder<E extends Encoding> {
  json<T>(v: E['json']): T;
  bool(v: E['bool']): boolean;
}

export interface SiteRow<E extends Encoding = Encoding> {
  id: string;
  key: string;
  name: string;
  allowed_origins: E['json'];
  identity_secret: string;
  previous_identity_secret?: string | null;
  previous_identity_until?: number | string | null;
  settings: E['json'];
  created_at: number;
}

export interface StaffRow {
  id: string;
  site_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  availability: string;
  created_at: number;
  deactivated_at: number | string | null;
}

export interface VisitorRow<E extends Encoding = Encoding> {
  id: string;
  site_id: string;
  external_id: string | null;
  identified: E['bool'];
  name: string | null;
  email: string | null;
  email_verified: E['bool'] | null;
  label: string;
  context: E['json'];
  first_seen_at: number;
  last_seen_at: number;
}

export interface MessageRow<E extends Encoding = Encoding> {
  id: string;
  site_id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author_kind: string;
  author_id: string;
  author_name: string | null;
  text: string;
  attachments: E['json'];
  note: E['bool'];
  deleted: E['bool'];
  created_at: number;
}

/** The columns both dialects' conversations tables share (each adds its own counters). */
export interface ConversationRow {
  id: string;
  site_id: string;
  visitor_id: string;
  status: string;
  assignee_id: string | null;
  snoozed_until: number | null;
  resolved_at: number | null;
  /** Who resolved it, while resolved_at is set (reports). */
  resolved_by: string | null;
  snoozed_by: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  rated_at: number | null;
  rating_changed_at: number | null;
  /** When the first staff reply (not a note) was written, and by whom (reports). */
  first_reply_at: number | null;
  first_reply_by: string | null;
  priority: number;
  /** The team it is routed to (teams), or null: any agent. */
  team_id?: string | null;
  /** SQLite: JSON text; PostgreSQL: JSONB, parsed. */
  labels: string | string[];
  last_seq: number;
  last_message_seq: number;
  last_visitor_seq: number;
  /** Highest seq of an event a visitor may see: the next such event's prevVisibleSeq. */
  last_visible_seq: number;
  last_activity_at: number;
  created_at: number;
}

export interface AttachmentRow {
  id: string;
  site_id: string;
  conversation_id: string | null;
  message_id: string | null;
  uploader_kind: string;
  uploader_id: string;
  name: string;
  size: number;
  type: string;
  url: string;
  storage_path: string;
  created_at: number;
}

export interface CannedRow {
  id: string;
  site_id: string;
  shortcut: string;
  text: string;
}

export interface StaffSessionRow {
  id: string;
  staff_id: string;
  expires_at: number;
}

/** The row mappers of one dialect (see the top of this file). */
export function rowMappers<E extends Encoding>(d: Decoder<E>) {
  const toSite = (r: SiteRow<E>): SiteRecord => ({
    id: r.id,
    key: r.key,
    name: r.name,
    allowedOrigins: d.json<string[]>(r.allowed_origins),
    identitySecret: r.identity_secret,
    ...(r.previous_identity_secret ? { previousIdentitySecret: r.previous_identity_secret, previousIdentityUntil: Number(r.previous_identity_until) } : {}),
    settings: d.json<SiteSettings>(r.settings),
    createdAt: r.created_at,
  });

  function toVisitor(r: VisitorRow<E>): Visitor {
    const v: Visitor = {
      id: r.id,
      siteId: r.site_id,
      identified: d.bool(r.identified),
      label: r.label,
      context: d.json<VisitorContext>(r.context),
      firstSeenAt: Number(r.first_seen_at),
      lastSeenAt: Number(r.last_seen_at),
    };
    if (r.external_id !== null) v.externalId = r.external_id;
    if (r.name !== null) v.name = r.name;
    if (r.email !== null) v.email = r.email;
    if (r.email_verified !== null) v.emailVerified = d.bool(r.email_verified);
    return v;
  }

  function toMessage(r: MessageRow<E>): Message {
    const m: Message = {
      id: r.id,
      conversationId: r.conversation_id,
      seq: r.seq,
      clientId: r.client_id,
      author: actor(r.author_kind, r.author_id),
      text: r.text,
      attachments: d.json<Attachment[]>(r.attachments),
      note: d.bool(r.note),
      deleted: d.bool(r.deleted),
      createdAt: r.created_at,
    };
    if (r.author_name !== null) m.authorName = r.author_name;
    return m;
  }

  return { toSite, toStaff, toVisitor, toMessage, toAttachment, toCanned, toStaffSession };
}

export const actor = (kind: string, id: string): Actor => ({ kind, id }) as Actor;

export const toStaff = (r: StaffRow): StaffRecord => ({
  id: r.id,
  siteId: r.site_id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  availability: r.availability as StaffAvailability,
  createdAt: r.created_at,
  deactivatedAt: r.deactivated_at === null || r.deactivated_at === undefined ? null : Number(r.deactivated_at),
});

export const toAttachment = (r: AttachmentRow): AttachmentRecord & { messageId: string | null } => ({
  id: r.id,
  siteId: r.site_id,
  conversationId: r.conversation_id,
  messageId: r.message_id,
  uploader: actor(r.uploader_kind, r.uploader_id),
  name: r.name,
  size: r.size,
  type: r.type,
  url: r.url,
  storagePath: r.storage_path,
  createdAt: r.created_at,
});

export const toCanned = (r: CannedRow): CannedResponse => ({ id: r.id, siteId: r.site_id, shortcut: r.shortcut, text: r.text });

export const toStaffSession = (r: StaffSessionRow): { id: string; staffId: string; expiresAt: number } => ({
  id: r.id,
  staffId: r.staff_id,
  expiresAt: r.expires_at,
});
