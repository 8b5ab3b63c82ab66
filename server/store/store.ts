import type {
  Actor,
  Attachment,
  Block,
  Conversation,
  ConversationStatus,
  DurableEvent,
  Message,
  Priority,
  Role,
  TimelineEvent,
  SiteSettings,
  StaffAvailability,
  Visitor,
  VisitorContext,
} from '../../protocol/index.ts';
import type { ApiTokenStore } from './api-token-records.ts';
import type { WebhookStore } from './webhook-records.ts';
import type { PrivacyStore } from './privacy-records.ts';
import type { ErasureRequestStore } from './erasure-request-records.ts';
import type { NotificationStore } from './notification-records.ts';
import type { AssignmentStore } from './assignment-records.ts';
import type { TeamStore } from './team-records.ts';
import type { LastAdmin } from './admin-rules.ts';
import type { EmailStore, LogFollowerStore } from './email-records.ts';
import type { RatingInput } from './rating-rules.ts';
import type { FirstReply, ReportRange, ReportRows } from './report-rows.ts';
import type { TriageInput } from './triage-rules.ts';

/**
 * The Store is the durable half of Parley. Implementations: sqlite/ (default), postgres/ (scale-out).
 * Every implementation runs the shared suite in store.suite.ts.
 *
 * Rules every implementation keeps:
 * - Each durable event takes the conversation's next `seq` (gap-free, starting at 1) and the site's
 *   next `cursor` (gap-free per site, in commit order: an event with cursor n is visible to readers
 *   only once every cursor below n of its site is), in the same transaction as the row it describes.
 *   Nothing is returned (and so nothing is published) before it is committed. Receivers rely on this:
 *   a cursor above the next expected one is a hole, filled by reading the range back.
 * - Each event a visitor may see carries `prevVisibleSeq` (protocol/events.ts), the previous such
 *   seq of its conversation, so a visitor can tell a hole from a staff note.
 * - appendMessage is idempotent on (author, clientId): a repeat returns the first message with
 *   `duplicate: true` and writes nothing.
 * - Methods are async so a networked store fits; the SQLite store may group many calls into one
 *   transaction (group commit) as long as each caller's promise resolves only after its commit.
 * - Email (outbox, notification state, opt-outs) and event-log follower cursors: email-records.ts.
 */
export interface Store extends EmailStore, LogFollowerStore, ApiTokenStore, WebhookStore, AssignmentStore, TeamStore, NotificationStore, PrivacyStore, ErasureRequestStore {
  readonly kind: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap liveness check for /readyz. */
  ping(): Promise<void>;

  // Sites
  createSite(input: NewSite): Promise<SiteRecord>;
  getSite(id: string): Promise<SiteRecord | null>;
  getSiteByKey(key: string): Promise<SiteRecord | null>;
  listSites(): Promise<SiteRecord[]>;
  updateSite(id: string, patch: SiteUpdate): Promise<SiteRecord | null>;
  /** The widget opened a session from this page origin at `at` (kept: the latest time per origin). */
  recordWidgetSighting(siteId: string, origin: string, at: number): Promise<void>;
  /** Where the site's widget was seen, newest first. */
  listWidgetSightings(siteId: string, limit: number): Promise<WidgetSighting[]>;

  // Staff and their sessions
  createStaff(input: NewStaff): Promise<StaffRecord>;
  getStaff(id: string): Promise<StaffRecord | null>;
  /** Emails are unique per site; login looks across sites and must find exactly one. */
  findStaffByEmail(email: string): Promise<StaffRecord[]>;
  listStaff(siteId: string): Promise<StaffRecord[]>;
  setStaffAvailability(id: string, availability: StaffAvailability): Promise<void>;
  createStaffSession(input: { id: string; staffId: string; expiresAt: number }): Promise<void>;
  /** Null when unknown, revoked or expired. */
  getStaffSession(id: string, now: number): Promise<{ id: string; staffId: string; expiresAt: number } | null>;
  revokeStaffSession(id: string): Promise<void>;
  /** The staff member did something with this session at `at` (the idle timeout counts from the latest). */
  touchStaffSession(id: string, at: number): Promise<void>;
  /** When the session was last used (touchStaffSession), null when never recorded (sessions older than SQLite migration 14, PostgreSQL 10). */
  staffSessionLastSeen(id: string): Promise<number | null>;
  /** Revokes every live session of a member but `keep`; answers how many were revoked. */
  revokeStaffSessions(staffId: string, keep?: string): Promise<number>;
  /**
   * Role, name, password hash or deactivation of one member; null when there is none; LAST_ADMIN (nothing
   * changed) when it would demote or deactivate an admin while no other member of the site is an active
   * admin, checked in the write's own transaction (admin-rules.ts).
   */
  updateStaff(id: string, patch: StaffPatch): Promise<StaffRecord | null | LastAdmin>;
  /**
   * One email is one person with one password on every site they belong to (their memberships):
   * sets the hash of every member row with this email (case-insensitive); answers how many.
   */
  setPasswordHashForEmail(email: string, passwordHash: string): Promise<number>;
  /**
   * Who may create sites, by email (lowercase), oldest first. createStaff puts the first admin ever made
   * on this server on the list; owners add and remove owners; the last one is never removed ('last').
   */
  listServerOwners(): Promise<string[]>;
  /** False when the email already was an owner. */
  addServerOwner(email: string, at: number): Promise<boolean>;
  removeServerOwner(email: string): Promise<'removed' | 'absent' | 'last'>;
  /** Removes a member with their sessions and password links; LAST_ADMIN (nothing removed) for an admin as updateStaff. */
  deleteStaff(id: string): Promise<'removed' | 'absent' | LastAdmin>;
  /** Stores a password link's token (its SHA-256, never the token), replacing the member's earlier links. */
  createPasswordToken(input: { tokenHash: string; staffId: string; purpose: PasswordTokenPurpose; expiresAt: number; at: number }): Promise<void>;
  /** The link's member and purpose while it is unused and unexpired; `consume` uses it up (once, however many race). */
  findPasswordToken(tokenHash: string, now: number, consume: boolean): Promise<{ staffId: string; purpose: PasswordTokenPurpose } | null>;

  // Visitors
  createVisitor(input: NewVisitor): Promise<Visitor>;
  getVisitor(id: string): Promise<Visitor | null>;
  findVisitorByExternalId(siteId: string, externalId: string): Promise<Visitor | null>;
  updateVisitor(id: string, patch: VisitorPatch): Promise<Visitor | null>;
  /**
   * Move every conversation of `fromId` to `intoId` (anonymous visitor identifies later), each with a
   * visitor.identified event (staff only) in the same transaction; returns those events.
   */
  mergeVisitor(fromId: string, intoId: string, at: number): Promise<DurableEvent[]>;

  // Conversations
  /** `view.forVisitor`: lastMessage skips staff notes (see ConversationView). */
  getConversation(id: string, view?: ConversationView): Promise<Conversation | null>;
  /** Newest activity first. */
  listVisitorConversations(visitorId: string, view?: ConversationView): Promise<Conversation[]>;
  /** Each of the visitor's conversations with its seq counter, nothing else: what a visitor's resume needs. */
  visitorConversationSeqs(visitorId: string): Promise<{ id: string; lastSeq: number }[]>;
  /** Each named conversation's assignee (null: none), nothing else; unknown ids are left out. What the notification follower needs per batch. */
  conversationAssignees(conversationIds: string[]): Promise<Map<string, string | null>>;
  /** The visitor's newest conversation that is not resolved, if any. */
  findOpenConversation(visitorId: string, view?: ConversationView): Promise<Conversation | null>;
  /**
   * What sending a visitor's message needs, in one light read (no read cursors, no last message):
   * the visitor's display name and the id and status of the conversation findOpenConversation would
   * return. Null for an unknown visitor.
   */
  visitorSendTarget(visitorId: string): Promise<VisitorSendTarget | null>;
  /** Staff inbox: newest activity first, cursor paging, this staff member's unread counts. */
  listInbox(query: InboxQuery): Promise<{ items: InboxRow[]; nextCursor: string | null }>;

  // Durable events: each returns the events it committed, in order
  appendMessage(input: NewMessage): Promise<AppendMessageResult>;
  deleteMessage(input: { conversationId: string; messageId: string; by: Actor; at: number }): Promise<DurableEvent | null>;
  /** Moves the reader's cursor forward only; returns null when `upTo` is not ahead of it. */
  moveReadCursor(input: { conversationId: string; reader: Actor; upTo: number; at: number }): Promise<DurableEvent | null>;
  updateConversation(input: {
    conversationId: string;
    changes: { status?: ConversationStatus; assigneeId?: string | null; snoozedUntil?: number | null; teamId?: string | null };
    by: Actor;
    at: number;
    /** Display names the event carries (byName, assigneeName, teamName) so timelines need no lookup. */
    names?: { by?: string; assignee?: string; team?: string };
  }): Promise<DurableEvent | null>;
  /**
   * The timeline entries (protocol TIMELINE_KINDS) of one conversation with afterSeq < seq < beforeSeq,
   * ascending, at most `limit`; only visitor-visible ones when forVisitor.
   */
  timeline(conversationId: string, range: { afterSeq: number; beforeSeq: number }, limit: number, forVisitor: boolean): Promise<TimelineEvent[]>;
  /**
   * Opens every snoozed conversation whose snoozedUntil <= now (at most `limit`), one transaction
   * each that checks the row again: a conversation woken or snoozed again meanwhile is skipped, so
   * several processes may call it at once and each conversation wakes once (conversation.updated with
   * `woke: true`, `by` the staff member who snoozed it).
   */
  wakeSnoozed(now: number, limit: number): Promise<WokenConversation[]>;
  /**
   * Writes conversation.waiting (staff only) for the site's open conversations, active since
   * `activeSince` (at most `scanLimit` looked at), whose first visitor message after the last staff
   * reply was sent at `before` or earlier: once per such unanswered run, whoever calls (each in a
   * transaction that checks again and records the run). A staff reply ends the run; the visitor's next
   * message starts a new one.
   */
  markWaiting(input: WaitingInput): Promise<WokenConversation[]>;
  /** The visitor's rating of a resolved conversation (rating-rules.ts); null when it is the same again. */
  rateConversation(input: RatingInput): Promise<DurableEvent | null>;
  /** What a report is computed from (report-rows.ts), for one site and range. */
  reportRows(range: ReportRange): Promise<ReportRows>;
  /** The first staff reply of each conversation of the site opened in [from, to) that has one (the usual reply time). */
  firstReplies(range: Omit<ReportRange, 'tzOffset'>): Promise<FirstReply[]>;
  /** Priority and labels (triage-rules.ts); a staff-only conversation.triaged event; null when nothing changes. */
  setTriage(input: TriageInput): Promise<DurableEvent | null>;

  // Replay and history
  /** Events of one conversation with seq > afterSeq, ascending; notes excluded when forVisitor. */
  eventsAfterSeq(conversationId: string, afterSeq: number, limit: number, forVisitor: boolean): Promise<DurableEvent[]>;
  /** Events of a whole site with cursor > afterCursor, ascending. */
  eventsAfterCursor(siteId: string, afterCursor: number, limit: number): Promise<DurableEvent[]>;
  /** Like eventsAfterCursor, each event with who may see it: what a node's site feed backfills from (server/feed/). */
  routedEventsAfterCursor(siteId: string, afterCursor: number, limit: number): Promise<RoutedEvent[]>;
  /** The site's newest committed cursor (0 when none). */
  latestCursor(siteId: string): Promise<number>;
  /** The same for many sites in one read (sites without events: 0). */
  latestCursors(siteIds: string[]): Promise<Record<string, number>>;
  history(conversationId: string, page: HistoryPage): Promise<{ messages: Message[]; hasMore: boolean }>;
  /** Unread counts for one staff member: messages from the visitor with seq above their read cursor. */
  unreadForStaff(siteId: string, staffId: string): Promise<Record<string, number>>;
  /**
   * The same count for one conversation, with the conversation's last seq read in the same statement:
   * the count covers exactly the events up to `seq`, so a caller keeping counts in memory knows which
   * later events still change it. `{ count: 0, seq: 0 }` for an unknown conversation.
   */
  unreadForStaffInConversation(conversationId: string, staffId: string): Promise<UnreadSnapshot>;
  /** Unread for the visitor: staff messages (not notes) above the visitor's cursor. */
  unreadForVisitor(conversationId: string): Promise<number>;
  /** Full-text search (SQLite FTS5 / PostgreSQL tsvector) over message text of one site. */
  searchMessages(siteId: string, query: string, limit: number): Promise<{ message: Message; snippet: string }[]>;

  // Attachments
  createAttachment(input: AttachmentRecord): Promise<void>;
  getAttachment(id: string): Promise<AttachmentRecord | null>;
  /**
   * Deletes up to `limit` attachments uploaded before `before` and never sent with a message, and
   * returns their storage paths so the caller removes the files. Each row is returned once, however
   * many processes sweep at the same time.
   */
  deleteUnsentAttachments(before: number, limit: number): Promise<{ id: string; storagePath: string }[]>;
  /**
   * What visitors of a site (or one visitor, when `visitorId` is given) have uploaded: the uploads no
   * message carries yet, and every upload made at or after `since`. Staff uploads are not counted.
   * The upload quotas (server/attachments/quota.ts) are checked against it.
   */
  uploadUsage(siteId: string, visitorId: string | null, since: number): Promise<UploadUsage>;

  // Blocks (server/domain/blocks.ts)
  /** Adds a block; blocking what is already blocked returns the existing one. */
  addBlock(input: NewBlock): Promise<Block>;
  /** False when the site has no block with this id. */
  removeBlock(siteId: string, id: string): Promise<boolean>;
  listBlocks(siteId: string): Promise<Block[]>;
  /** A block of this visitor or this address on the site, if any. */
  findBlock(siteId: string, who: { visitorId?: string; ip?: string }): Promise<Block | null>;
  /** The address a visitor's latest session came from (what "block their address" blocks). */
  recordVisitorAddress(visitorId: string, ip: string, at: number): Promise<void>;
  visitorAddress(visitorId: string): Promise<string | null>;

  // Canned responses
  listCanned(siteId: string): Promise<CannedResponse[]>;
  createCanned(input: Omit<CannedResponse, 'id'> & { id?: string }): Promise<CannedResponse>;
  /** Deletes one response of one site; false when there is none with this id on that site. */
  deleteCanned(siteId: string, id: string): Promise<boolean>;
}

/**
 * How a conversation is read. `lastMessage` is the last non-deleted message and carries `note`;
 * with `forVisitor: true` it is the last non-deleted message that is not a note, so what a visitor
 * receives never hints at a staff note. Conversation snapshots inside durable events
 * (conversation.created / conversation.updated) are always built for the visitor, because the same
 * stored payload is replayed to both sides, plus the conversation's `teamId` (`event: true`), which
 * staff and webhooks read and the domain strips for a visitor (domain/routing.ts conversationForVisitor).
 * That view is named once: EVENT_SNAPSHOT (snapshot.ts).
 */
export interface ConversationView {
  forVisitor?: boolean;
  /** With forVisitor: an event's snapshot, with the team. */
  event?: boolean;
}

export interface WaitingInput {
  siteId: string;
  before: number;
  activeSince: number;
  minutes: number;
  now: number;
  scanLimit: number;
}

/** A conversation wakeSnoozed opened (or markWaiting flagged), with its event and where to publish it. */
export interface WokenConversation {
  siteId: string;
  visitorId: string;
  event: DurableEvent;
}

/** A committed durable event and who may see it: the site's staff, and its conversation's visitor when `visible`. */
export interface RoutedEvent {
  event: DurableEvent;
  visitorId: string;
  visible: boolean;
}

/** See Store.visitorSendTarget. `name` is the visitor's name, else their label. */
export interface VisitorSendTarget {
  name: string | undefined;
  openConversation: { id: string; status: ConversationStatus } | null;
}

/** A staff member's unread count in one conversation as of the conversation's `seq`. */
export interface UnreadSnapshot {
  count: number;
  seq: number;
}

export interface SiteRecord {
  id: string;
  key: string;
  name: string;
  allowedOrigins: string[];
  identitySecret: string;
  /** After a rotation: the secret it replaced, which still verifies user JWTs until `previousIdentityUntil`. */
  previousIdentitySecret?: string;
  previousIdentityUntil?: number;
  settings: SiteSettings;
  createdAt: number;
}
/** A rotation sets identitySecret with the previous one and its end together (null clears them). */
export type SiteUpdate = Partial<Pick<SiteRecord, 'name' | 'allowedOrigins' | 'settings' | 'identitySecret'>> & {
  previousIdentity?: { secret: string; until: number } | null;
};

export interface WidgetSighting {
  origin: string;
  lastSeenAt: number;
}
export type NewSite = Omit<SiteRecord, 'id' | 'key' | 'createdAt'> & { id?: string; key?: string };

export interface StaffRecord {
  id: string;
  siteId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  availability: StaffAvailability;
  createdAt: number;
  /** Set while an admin has deactivated the member: no login, no session. */
  deactivatedAt: number | null;
}
/** `passwordHash: ''` is a member who was invited and has not set a password yet. */
export type NewStaff = Omit<StaffRecord, 'id' | 'createdAt' | 'availability' | 'deactivatedAt'> & { id?: string };
export type StaffPatch = Partial<Pick<StaffRecord, 'role' | 'name' | 'passwordHash' | 'deactivatedAt'>>;
export type PasswordTokenPurpose = 'invite' | 'reset';

export interface NewVisitor {
  id?: string;
  siteId: string;
  externalId?: string;
  name?: string;
  email?: string;
  emailVerified?: boolean;
  label: string;
  context: VisitorContext;
  at: number;
}
export type VisitorPatch = Partial<Pick<Visitor, 'externalId' | 'name' | 'email' | 'emailVerified' | 'context' | 'lastSeenAt' | 'identified'>>;

export interface NewMessage {
  siteId: string;
  /**
   * Omitted: the visitor's open conversation (the newest one not resolved), found inside the write
   * transaction, else a new one. Two tabs sending a first message at once so share one conversation.
   */
  conversationId?: string;
  visitorId: string;
  clientId: string;
  author: Actor;
  authorName?: string;
  text: string;
  attachmentIds: string[];
  note: boolean;
  at: number;
  /**
   * With conversationId omitted: always a new conversation (the visitor asked for one, or the one
   * they wrote into was resolved longer ago than the site's reopen window).
   */
  newConversation?: boolean;
  /** A conversation this append creates belongs to this team (the domain chose it: server/domain/teams/); absent: none. */
  teamId?: string | null;
  /** With newConversation: refused (rate_limited) when the visitor already has this many that are not resolved. */
  maxOpenConversations?: number;
  /**
   * A visitor's message: a resolved or snoozed conversation is reopened (status open) in the same
   * transaction, with a conversation.updated event after the message.created.
   */
  reopen?: boolean;
}

export interface AppendMessageResult {
  message: Message;
  conversation: Conversation;
  /**
   * Committed events in order: conversation.created (when new), message.created, conversation.updated
   * (when it reopened the conversation). Empty when duplicate.
   */
  events: DurableEvent[];
  duplicate: boolean;
}

export interface InboxQuery {
  siteId: string;
  staffId: string;
  status?: ConversationStatus;
  /** 'me' = staffId, 'unassigned' = null, or a staff id. */
  assignee?: string | 'me' | 'unassigned';
  unreadOnly?: boolean;
  label?: string;
  /** Only this team's conversations; 'none': those without a team. */
  team?: string;
  priority?: Priority;
  /** 'priority': most urgent first, then newest activity (default: newest activity first). */
  sort?: 'activity' | 'priority';
  /** Restrict to conversations with a message matching this FTS query. */
  q?: string;
  cursor?: string | null;
  limit: number;
}

export interface InboxRow {
  conversation: Conversation;
  visitor: Visitor;
  unread: number;
}

export interface HistoryPage {
  /** Messages with seq < before (newest page first when neither is set). */
  before?: number;
  /** Messages with seq > after, ascending. */
  after?: number;
  limit: number;
  includeNotes: boolean;
}

export interface AttachmentRecord extends Attachment {
  siteId: string;
  conversationId: string | null;
  uploader: Actor;
  /** Path relative to the data dir. */
  storagePath: string;
  createdAt: number;
  /** Set by the store when a message that carries it is appended (ignored on create). */
  messageId?: string | null;
}

export type { Block };
export type NewBlock = Omit<Block, 'id'>;

export interface UploadUsage {
  pending: { count: number; bytes: number };
  recent: { count: number; bytes: number };
}

export interface CannedResponse {
  id: string;
  siteId: string;
  shortcut: string;
  text: string;
}
