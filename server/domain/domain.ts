import type { IdentifyVisitorInput } from './identify-visitor.ts';
import type {
  AckResults,
  Conversation,
  ConversationStatus,
  DurableEvent,
  HistoryResponse,
  InboxItem,
  Page,
  PresenceEntry,
  ResumePoint,
  SearchHit,
  StaffAvailability,
  StaffMember,
  Priority,
  Report,
  Visitor,
  VisitorConversation,
  ContextUpdate,
} from '../../protocol/index.ts';
import type { CannedResponse, Block, SiteRecord, WidgetSighting } from '../store/store.ts';
import type { FetchedEvents, FetchRange } from './fetch-events.ts';
import type { SitePatch } from './site-admin.ts';
import type { Team } from './team.ts';
import type { TeamCases } from './teams/teams.ts';
import type { Memberships } from './memberships.ts';
import type { Principal } from './principal.ts';
import type { CollectedExport, PrivacyLookup } from './privacy-export.ts';
import type { ErasureSummary } from './privacy-erase.ts';
import type { ErasureRequests } from './erasure-requests.ts';
import type { VisitorOutlook } from './assignment/routing-cases.ts';

/**
 * The use cases of Parley, transport-free. HTTP routes and the WebSocket gateway both call these;
 * every method authorizes its principal (visitor: own conversations only; staff: own site only)
 * and throws ParleyError with a wire code. Committed events are published on the Bus by the
 * domain itself, so a transport never publishes.
 */
export interface Domain {
  /** `onQueued`: called once the append is queued in the store's group commit (see send-message.ts). */
  sendMessage(p: Principal, input: SendMessageInput, onQueued?: () => void): Promise<AckResults['message.send']>;
  /** Staff only. */
  deleteMessage(p: Principal, conversationId: string, messageId: string): Promise<{ seq: number }>;
  /** Moves the caller's read cursor forward; answers with the cursor after the call. */
  markRead(p: Principal, conversationId: string, seq: number): Promise<{ seq: number }>;
  /** Staff only. Answers with the conversation's seq after the change (unchanged when nothing changed). */
  updateConversation(p: Principal, conversationId: string, changes: ConversationChanges): Promise<{ seq: number }>;
  setTyping(p: Principal, conversationId: string, typing: boolean): Promise<void>;
  /** Visitor only: rate a resolved conversation (rate-conversation.ts). */
  rateConversation(p: Principal, conversationId: string, input: { score: number; comment?: string }): Promise<{ seq: number }>;
  /** Admins: the site's report over a range (reports.ts). */
  siteReport(p: Principal, q: { from: number; to: number; tzOffset?: number }): Promise<Report>;
  /** Wakes the snoozed conversations whose time has come (snooze-waker.ts); resolves with how many. */
  wakeSnoozed(): Promise<number>;
  /** Deletes the conversations the sites' retention says are due (retention.ts); how many went. */
  sweepRetention(): Promise<number>;
  /** Writes conversation.waiting for conversations unanswered past their site's threshold (waiting-sweeper.ts); resolves with how many. */
  sweepWaiting(): Promise<number>;
  /** Staff only. */
  setAvailability(p: Principal, status: StaffAvailability): Promise<void>;
  /** Who is online in one conversation (visitor or staff), or across the site (staff, no id). */
  queryPresence(p: Principal, conversationId?: string): Promise<PresenceEntry[]>;
  /**
   * Visitor only. Stores the page context; `context.email` (pre-chat form) goes on the Visitor as
   * unverified unless a verified one is there. Staff get `visitor.updated`.
   */
  updateContext(p: Principal, context: ContextUpdate): Promise<void>;
  /** A visitor session opened (identify, returning visitor): staff get `visitor.updated` if it has conversations. */
  visitorChanged(visitorId: string): Promise<void>;
  /** Staff: the visitor of one of the site's users, by its user id, made or updated (identify-visitor.ts). */
  identifyVisitor(p: Principal, input: IdentifyVisitorInput): Promise<{ visitor: Visitor; created: boolean }>;

  /** Staff only. */
  listInbox(p: Principal, q: InboxListQuery): Promise<Page<InboxItem>>;
  getConversation(p: Principal, id: string): Promise<{ conversation: Conversation; visitor: Visitor }>;
  /** Notes are hidden from visitors. */
  history(p: Principal, id: string, q: { before?: number; after?: number; limit?: number }): Promise<HistoryResponse>;
  /** Visitor only: their own conversations, newest activity first, each with its unread count. */
  listVisitorConversations(p: Principal): Promise<VisitorConversation[]>;
  /** Staff only. */
  getVisitorDetails(p: Principal, visitorId: string): Promise<{ visitor: Visitor; conversations: Conversation[] }>;
  /** Staff only. */
  search(p: Principal, q: string): Promise<SearchHit[]>;
  /** Staff only: members of the caller's site. */
  listStaff(p: Principal): Promise<StaffMember[]>;
  /** Staff only. */
  listCanned(p: Principal): Promise<CannedResponse[]>;
  /** Staff only. */
  createCanned(p: Principal, input: { shortcut: string; text: string }): Promise<CannedResponse>;
  /** Staff only (admin or agent of the site). */
  /** Staff: block a visitor of their site, and with `ip` the address of the visitor's latest session (blocks.ts). */
  blockVisitor(p: Principal, visitorId: string, opts: { ip: boolean }): Promise<Block[]>;
  unblock(p: Principal, id: string): Promise<void>;
  listBlocks(p: Principal): Promise<Block[]>;
  deleteCanned(p: Principal, id: string): Promise<void>;
  /** Admins: everything about one person of their site (privacy-export.ts), with where each attachment's bytes are. */
  exportVisitor(p: Principal, lookup: PrivacyLookup): Promise<CollectedExport>;
  /** Admins: erase one person of their site (privacy-erase.ts). */
  eraseVisitor(p: Principal, lookup: PrivacyLookup): Promise<ErasureSummary>;
  /** Visitors' erasure requests from the widget, confirmed or declined by admins (erasure-requests.ts). */
  erasureRequests: ErasureRequests;

  /** Admin of that site only: name, settings (accent contrast checked), origins, identity secret; publishes `site.updated`. */
  updateSite(p: Principal, siteId: string, patch: SitePatch): Promise<SiteRecord>;
  /** A visitor session opened from a page of this origin (the installation check); written at most once a minute per origin. */
  widgetSeen(siteId: string, origin: string | null): Promise<void>;
  /** Admin only: where the site's widget was last seen, newest first. */
  widgetSightings(p: Principal): Promise<WidgetSighting[]>;

  /** The site's team (admins) and each member's own account (team.ts). */
  readonly team: Team;
  /** Teams: agents grouped for routing (teams/teams.ts). */
  readonly teams: TeamCases;
  /** The sites one person belongs to (memberships.ts). */
  readonly memberships: Memberships;

  /** Presence bookkeeping: the gateway calls these when a socket finishes hello / closes. */
  connected(p: Principal, connectionId: string): void;
  disconnected(p: Principal, connectionId: string): void;

  /** Missed durable events since a resume point (already authorized and filtered for the principal). */
  resume(p: Principal, point: ResumePoint): Promise<ResumeResult>;
  /** A range of durable events a client found missing (events.fetch), authorized and shaped for the principal. */
  fetchEvents(p: Principal, range: FetchRange): Promise<FetchedEvents>;
  /** The staff availability summary visitors of a site see. */
  availabilityFor(siteId: string): StaffAvailability;
  /** Visitor: business hours now, the usual reply time, their conversations' places in the queue (assignment/routing-cases.ts). */
  visitorOutlook(p: Principal): Promise<VisitorOutlook>;
  /** Staff: how many conversations wait for an agent, the first ones oldest first. */
  queue(p: Principal): Promise<{ waiting: number; conversationIds: string[] }>;
  /**
   * One routing pass over every site (PARLEY_ASSIGNMENT_CHECK_MS): hours opening or closing, agents away
   * too long, waiting conversations assigned. Resolves with how many it assigned.
   */
  sweepRouting(): Promise<number>;
  /** The site's settings changed (admin): new hours reach visitors, the queue moves under the new rules. */
  siteSettingsChanged(siteId: string): Promise<void>;

  /** Stops timers (typing expiry) and waits for pending unread pushes. Does not close store or bus. */
  close(): Promise<void>;
}

export interface SendMessageInput {
  /**
   * Omitted by a visitor: their open conversation, created if none. Required for staff. A resolved
   * one is reopened within the site's reopen window, else the message starts a new conversation.
   */
  conversationId?: string;
  /** Visitor only, without conversationId: start a new conversation. */
  newConversation?: boolean;
  clientId: string;
  text: string;
  attachmentIds?: string[];
  /** Staff only: a private note the visitor never receives. */
  note?: boolean;
  /** Set by the transport, never from the client's frame: the sender's address, for the new-conversation limit per IP. */
  ip?: string;
}

export interface ConversationChanges {
  status?: ConversationStatus;
  assigneeId?: string | null;
  /** With status snoozed (or alone): when it wakes by itself. */
  snoozedUntil?: number;
  priority?: Priority;
  /** The whole new label set. */
  labels?: string[];
  /** The team it moves to; null: none. */
  teamId?: string | null;
}

export interface InboxListQuery {
  view?: 'mine' | 'unassigned' | 'all';
  status?: ConversationStatus;
  /** A staff id, 'me' or 'unassigned'; overrides view. */
  assignee?: string;
  unread?: boolean;
  label?: string;
  priority?: Priority;
  /** A team id, or 'none'. */
  team?: string;
  sort?: 'activity' | 'priority';
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export interface ResumeResult {
  /** Events to replay, in order (per conversation by seq for visitors; by cursor for staff). */
  events: DurableEvent[];
  /** Conversation ids (visitor) or 'site' (staff) too far behind: reload through REST. */
  reload: string[];
  /** Staff: the site cursor after these events. */
  cursor?: number;
}

export type { FetchedEvents, FetchRange } from './fetch-events.ts';

/** Injected timers so typing expiry is testable without waiting. */
export type { Timers } from '../timers.ts';

export { createDomain } from './create-domain.ts';
export type { DomainDeps } from './create-domain.ts';
