/**
 * Records as they cross the wire. Ids are opaque strings; times are epoch milliseconds.
 * `seq` is per conversation, gap-free and monotonic: every durable event (message created or
 * deleted, read cursor moved, conversation updated) takes the next one. `cursor` is the site-wide
 * event id staff resume from; it only grows, but has gaps (other sites share the counter).
 */
export type Role = 'admin' | 'agent';
export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'snoozed';
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'resolved', 'snoozed'];
/** How urgent a conversation is; the inbox sorts by it (none first to last: none, low, medium, high, urgent). */
export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['none', 'low', 'medium', 'high', 'urgent'];

/** The visitor's satisfaction rating (CSAT) of a resolved conversation. */
export interface Rating {
  /** 1 (very unhappy) to 5 (very happy). */
  score: number;
  comment?: string;
  /** When it was given or last changed. */
  ratedAt: number;
}

/** Days of a business-hours schedule (SiteSettings.businessHours), Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type StaffAvailability = 'online' | 'away' | 'busy' | 'offline';
export const STAFF_AVAILABILITIES: readonly StaffAvailability[] = ['online', 'away', 'busy', 'offline'];

/** Who did something: the visitor of the conversation, or a staff member. */
export type Actor = { kind: 'visitor'; id: string } | { kind: 'staff'; id: string };

export interface SitePublic {
  key: string; // public site key, the one in the script tag
  name: string;
  settings: SiteSettings;
  /** True when this server sends email (PARLEY_SMTP_URL): transcripts and replies by email are offered. */
  email?: boolean;
}

/** The widget's look and pre-chat behaviour, from its schema (protocol/schema/admin.ts). */
export type { AssignmentSettings, BusinessHours, SiteSettings } from './schema/admin.ts';

/** When the widget asks for the visitor's email before the first message. */
export type PreChatEmailMode = 'off' | 'always' | 'offline';
export const PRE_CHAT_EMAIL_MODES: readonly PreChatEmailMode[] = ['off', 'always', 'offline'];
export type LauncherPosition = 'bottom-right' | 'bottom-left';

/** The pre-chat mode of a site's settings, whichever way they were saved. */
export function preChatEmailMode(s: SiteSettings): PreChatEmailMode {
  const v = s.preChatEmail;
  return v === true ? 'always' : v === 'always' || v === 'offline' ? v : 'off';
}

export interface Site extends SitePublic {
  id: string;
  allowedOrigins: string[]; // exact origins, or "http://localhost:*" style port wildcards
  createdAt: number;
}

export interface StaffMember {
  id: string;
  siteId: string;
  email: string;
  name: string;
  role: Role;
  availability: StaffAvailability;
  /** `invited`: has not set a password yet; `deactivated`: an admin turned the account off. */
  status?: 'active' | 'invited' | 'deactivated';
}

/** One site a person belongs to, for the dashboard's site switcher. */
export interface Membership {
  staffId: string;
  siteId: string;
  siteName: string;
  role: Role;
  /** Their unread messages on that site. */
  unread: number;
  /** The site this session is on. */
  current: boolean;
}

/** What the widget tells the server about where the visitor is (staff see it): protocol/schema/context.ts. */
export type { VisitorContext } from './schema/context.ts';
import type { SiteSettings } from './schema/admin.ts';
import type { VisitorContext } from './schema/context.ts';

export interface Visitor {
  id: string;
  siteId: string;
  /** The site's own user id (JWT `sub`) when identified; absent for anonymous visitors. */
  externalId?: string;
  identified: boolean;
  name?: string; // only ever from signed claims
  email?: string; // from signed claims, or typed in the pre-chat form (then emailVerified false)
  emailVerified?: boolean;
  /** Stable friendly label for anonymous visitors, e.g. "Blue Otter". */
  label: string;
  context: VisitorContext;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  type: string; // sniffed MIME type
  /** Path to GET the bytes; requires the participant's token (Authorization or ?token=). */
  url: string;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  /** The id the sender's client generated; resends with the same id return the first ack. */
  clientId: string;
  author: Actor;
  /** Display name of the author at send time. */
  authorName?: string;
  text: string;
  attachments: Attachment[];
  /** Private staff note: never sent to the visitor. */
  note: boolean;
  deleted: boolean;
  createdAt: number;
}

export interface ReadCursor {
  reader: Actor;
  seq: number;
}

/** Agents grouped for routing (Settings -> Teams): a conversation routed to a team is assigned among its members. */
export interface Team {
  id: string;
  siteId: string;
  name: string;
  /** Staff ids, sorted. */
  memberIds: string[];
  createdAt: number;
}

/** A site's page rule: a conversation started on a page whose path matches `pattern` goes to `teamId` (server/domain/teams/page-rule.ts). */
export interface TeamRule {
  pattern: string;
  teamId: string;
}

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  /** Highest seq in the conversation. */
  lastSeq: number;
  lastMessage?: Pick<Message, 'id' | 'seq' | 'author' | 'text' | 'createdAt' | 'note'>;
  lastActivityAt: number;
  createdAt: number;
  snoozedUntil?: number | null;
  /** When it was resolved; present only while it is resolved. */
  resolvedAt?: number;
  /** The visitor's rating, once given. */
  rating?: Rating;
  /** Staff reads only (never sent to the visitor): how urgent, and the labels agents gave it. */
  priority?: Priority;
  labels?: string[];
  /** Staff reads only: the team it is routed to (automatic assignment picks among its members); absent: none, any agent. */
  teamId?: string;
  /** Read cursors of the visitor and each staff member who has read. */
  reads: ReadCursor[];
}

/** A row of the staff inbox: conversation plus what the list shows. */
export interface InboxItem extends Conversation {
  visitor: Pick<Visitor, 'id' | 'name' | 'email' | 'emailVerified' | 'label' | 'identified'>;
  /** This staff member's unread count. */
  unread: number;
  visitorOnline: boolean;
}

/** One of the visitor's own conversations, as their conversation list shows it. */
export interface VisitorConversation extends Conversation {
  /** Staff messages above the visitor's read cursor. */
  unread: number;
}

export interface PresenceEntry {
  actor: Actor;
  status: StaffAvailability; // visitors are 'online' | 'offline'
  name?: string;
}
