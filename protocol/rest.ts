import type { TimelineEvent } from './events.ts';
import type { Attachment, Conversation, InboxItem, Message, PresenceEntry, SitePublic, StaffMember, Visitor } from './model.ts';

/**
 * REST routes, all under /api/v1, JSON in and out, errors as `{ code, message }` (see errors.ts).
 * Auth: `Authorization: Bearer <token>` (visitor token or staff session token); staff may use the
 * `parley_session` httpOnly SameSite=Strict cookie instead (writes then need `X-CSRF-Token`). Attachment downloads take a signed link instead of a token
 * (POST attachmentLinks); no token ever travels in a URL.
 */
/** Request bodies and queries come from their schemas (protocol/schema), type-only here. */
export type { SendMessageRequest, UpdateConversationRequest, InboxQuery, HistoryQuery } from './schema/conversations.ts';
export type { VisitorSessionRequest, StaffLoginRequest } from './schema/sessions.ts';
export type { CreateSiteRequest, UpdateSiteRequest, CreateStaffRequest } from './schema/admin.ts';
export type { CreateCannedRequest } from './schema/canned.ts';
export type { CreateApiTokenRequest, IdentifyVisitorRequest } from './schema/integrations.ts';
/** What the admin routes answer for API tokens and webhooks (their schemas: protocol/schema/records.ts). */
export type { ApiTokenInfo, WebhookInfo, WebhookDeliveryInfo } from './schema/records.ts';

export const API_PREFIX = '/api/v1';

/** The conversation id a visitor POSTs a message to (/conversations/new/messages) to start a new conversation. */
export const NEW_CONVERSATION = 'new';

export const Routes = {
  visitorSession: '/api/v1/visitor/session', // POST VisitorSessionRequest -> VisitorSessionResponse
  staffLogin: '/api/v1/staff/login', // POST {email,password} -> StaffLoginResponse (+ cookie)
  staffLogout: '/api/v1/staff/logout', // POST -> {ok:true}; revokes the session token
  staffMe: '/api/v1/staff/me', // GET -> {staff, site, csrfToken}; PATCH {name} -> {staff}
  staffList: '/api/v1/staff', // GET -> {staff: StaffMember[]} (same site)
  conversations: '/api/v1/conversations', // GET ?view=&status=&assignee=&unread=&q=&cursor=&limit= -> Page<InboxItem> (staff) | Page<VisitorConversation> (visitor)
  conversation: '/api/v1/conversations/:id', // GET -> {conversation, visitor}; PATCH {status?, assigneeId?}
  messages: '/api/v1/conversations/:id/messages', // GET ?before=&after=&limit= -> HistoryResponse; POST SendMessageRequest (visitor: id `new` starts a conversation)
  message: '/api/v1/conversations/:id/messages/:messageId', // DELETE (staff)
  read: '/api/v1/conversations/:id/read', // POST {seq}
  rating: '/api/v1/conversations/:id/rating', // POST RateRequest (visitor) -> {seq}
  reports: '/api/v1/reports', // GET ?from=&to=&tzOffset= -> Report (admin)
  visitor: '/api/v1/visitors/:id', // GET (staff) -> {visitor, conversations}
  presence: '/api/v1/presence', // GET ?conversationId= -> {entries}
  queue: '/api/v1/queue', // GET (staff) -> {waiting, conversationIds}: conversations waiting for automatic assignment
  attachments: '/api/v1/attachments', // POST multipart (file, conversationId?) -> Attachment
  attachment: '/api/v1/attachments/:id', // GET bytes (participants only): Bearer/cookie, or a signed link
  visitorChallenge: '/api/v1/visitor/challenge', // GET ?siteKey= -> ProofOfWorkChallenge
  visitorBlock: '/api/v1/visitors/:id/block', // POST {ip?} -> {blocks: Block[]} (staff)
  blocks: '/api/v1/blocks', // GET -> {blocks: Block[]} (staff)
  block: '/api/v1/blocks/:id', // DELETE -> {ok:true} (staff)
  privacyErase: '/api/v1/privacy/erase', // POST {visitorId | email | userId} -> {erased: {visitors, conversations, files, tombstone}} (admin; API token scope privacy)
  visitorErasureRequest: '/api/v1/visitor/erasure-request', // GET -> {request: ErasureRequest | null}; POST {} -> {request} (visitor: for themselves only)
  privacyErasureRequests: '/api/v1/privacy/erasure-requests', // GET ?status= -> {requests: ErasureRequestInfo[]} (admin)
  privacyErasureConfirm: '/api/v1/privacy/erasure-requests/:id/confirm', // POST -> {request, erased} (admin): runs the erasure
  privacyErasureDecline: '/api/v1/privacy/erasure-requests/:id/decline', // POST -> {request} (admin)
  privacyExport: '/api/v1/privacy/export', // POST {visitorId | email | userId} -> application/x-tar: export.json + attachments/ (admin; API token scope privacy)
  attachmentLinks: '/api/v1/attachments/links', // POST {ids} -> AttachmentLinksResponse (short-lived signed download links)
  teams: '/api/v1/teams', // GET -> {teams} (staff); POST {name, memberIds?} (admins)
  team: '/api/v1/teams/:id', // PATCH {name?, memberIds?}, DELETE (admins)
  canned: '/api/v1/canned-responses', // GET -> {items}; POST {shortcut, text} (staff)
  cannedItem: '/api/v1/canned-responses/:id', // DELETE (staff of its site) -> {ok:true}
  search: '/api/v1/search', // GET ?q= -> {hits: SearchHit[]} (staff, FTS5)
  adminSites: '/api/v1/admin/sites', // GET, POST (admin)
  adminSite: '/api/v1/admin/sites/:id', // GET, PATCH (admin)
  serverOwners: '/api/v1/admin/server-owners', // GET -> ServerOwnersResponse; POST {email} adds; DELETE ?email= removes (a server owner's admin session)
  adminSiteOrigins: '/api/v1/admin/sites/:id/origins', // POST {origin} adds, DELETE ?origin= removes -> {site} (admin)
  adminSiteInstallation: '/api/v1/admin/sites/:id/installation', // GET -> InstallationResponse (admin)
  adminStaff: '/api/v1/admin/staff', // GET -> {staff: StaffMember[]} with status; POST {email,name,role,password} (admin)
  adminInvitations: '/api/v1/admin/staff/invitations', // POST {email,name,role} -> {staff, link: PasswordLink} (admin)
  adminMember: '/api/v1/admin/staff/:id', // PATCH {role?, active?} -> {staff, unassigned?}; DELETE -> {ok} (admin)
  adminMemberReset: '/api/v1/admin/staff/:id/password-reset', // POST -> {link: PasswordLink} (admin; revokes their sessions)
  staffMemberships: '/api/v1/staff/me/sites', // GET -> {memberships: Membership[]} (the sites of this person, with unread counts)
  staffSwitch: '/api/v1/staff/me/switch', // POST {siteId} -> StaffLoginResponse (+ cookie): a session on another of their sites
  staffPassword: '/api/v1/staff/me/password', // PUT {current, password} -> {ok} (revokes the member's other sessions)
  staffSignOutAll: '/api/v1/staff/me/sign-out-everywhere', // POST -> {ok} (every session, this one included)
  passwordLink: '/api/v1/staff/password-link', // POST {token} -> PasswordLinkInfo
  passwordLinkUse: '/api/v1/staff/password-link/use', // POST {token, password} -> StaffLoginResponse (+ cookie)
  transcript: '/api/v1/conversations/:id/transcript', // POST -> TranscriptResponse (the visitor, or staff of the site)
  staffEmail: '/api/v1/staff/me/email', // GET -> StaffEmailPreferences; PUT {notifyUnseen}
  emailInbound: '/api/v1/email/inbound', // POST raw MIME (message/rfc822), ?to= -> InboundEmailResponse
  adminEmail: '/api/v1/admin/email', // GET -> EmailStatus (admin)
  adminOutbox: '/api/v1/admin/email/outbox', // GET ?status=&cursor=&limit= -> Page<OutboxItem> (admin)
  adminOutboxRetry: '/api/v1/admin/email/outbox/:id/retry', // POST -> {ok:true} (admin; failed emails)
  unsubscribe: '/email/unsubscribe', // GET ?t= page; POST ?t= (RFC 8058 one-click, or the page's form)
  transcriptConfirm: '/email/transcript', // GET ?t= page; POST ?t= action=send|decline (the link in a transcript's confirmation email)
  visitors: '/api/v1/visitors', // POST {externalId, name?, email?} -> {visitor, created} (staff, API tokens)
  adminApiTokens: '/api/v1/admin/api-tokens', // GET -> {tokens}; POST {name, scopes} -> {token, secret} (admin)
  adminApiToken: '/api/v1/admin/api-tokens/:id', // DELETE: revoke (admin)
  adminWebhooks: '/api/v1/admin/webhooks', // GET -> {webhooks}; POST {url, events, includeNotes?} -> {webhook} (admin)
  adminWebhook: '/api/v1/admin/webhooks/:id', // PATCH, DELETE (admin)
  adminWebhookDeliveries: '/api/v1/admin/webhooks/:id/deliveries', // GET ?before=&limit= -> Page of deliveries (admin)
  adminWebhookTest: '/api/v1/admin/webhooks/:id/test', // POST -> {delivery} (admin)
  adminWebhookResend: '/api/v1/admin/webhooks/:id/deliveries/:deliveryId/resend', // POST -> {delivery} (admin)
  notifications: '/api/v1/notifications', // GET ?before=&limit=&unread= -> {items, nextCursor, state} (staff: their own)
  notificationsRead: '/api/v1/notifications/read', // POST {ids} | {conversationId} | {upTo} | {all: true} -> {state}
  notificationPreferences: '/api/v1/notifications/preferences', // GET, PUT NotificationPreferences
  notificationRing: '/api/v1/notifications/ring', // POST {id} -> {ring}: true for the first of the agent's tabs to ask
  realtimeStream: '/api/v1/realtime/stream', // POST ?site= hello frame -> text/event-stream (the HTTP fallback of /ws)
  realtimeStreamPost: '/api/v1/realtime/stream/:id', // POST StreamPost {seq, frames} | {pong} -> {seq}
  openapi: '/api/v1/openapi.json', // GET -> the OpenAPI 3.1 document of this API
  apiReference: '/api/v1/reference', // GET -> the same as a readable HTML page
  health: '/healthz',
  ready: '/readyz',
} as const;


export interface VisitorSessionResponse {
  visitorToken: string;
  expiresAt: number;
  visitor: Visitor;
  site: SitePublic;
  conversations: Conversation[];
}

export interface StaffLoginResponse {
  /**
   * For clients that are not browsers (no `Origin` header: scripts, the CLI, tests): a Bearer token.
   * A browser gets none in the body: its session is the httpOnly cookie, which script cannot read.
   */
  token?: string;
  /** Send as `X-CSRF-Token` with every write that the session cookie authenticates. */
  csrfToken: string;
  expiresAt: number;
  staff: StaffMember;
  site: SitePublic & { id: string };
}


export interface SendMessageResponse {
  messageId: string;
  conversationId: string;
  seq: number;
  createdAt: number;
  message: Message;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass as ?cursor= for the next page. null at the end. */
  nextCursor: string | null;
}

export interface HistoryResponse {
  messages: Message[];
  hasMore: boolean;
  /**
   * Timeline entries (status changes, assignment, identify) whose seq falls in the span this page
   * covers: from the seq of its oldest message (0 when nothing older is left) to the seq it was
   * asked before (the newest seq when not). A visitor gets only the ones they may see.
   */
  timeline: TimelineEvent[];
}


export interface SearchHit {
  conversationId: string;
  message: Message;
  snippet: string;
}

export type { Attachment, InboxItem, PresenceEntry, StaffMember };

/** POST /conversations/:id/transcript: where the transcript goes; `queued: false` when the same request was just made. */
export interface TranscriptResponse {
  to: string;
  queued: boolean;
  /** The address was only typed in: a link to confirm it went there, and the transcript follows once it is used. */
  confirm?: boolean;
}

export interface StaffEmailPreferences {
  /** Email me about visitor messages nobody has seen within the delay. */
  notifyUnseen: boolean;
  address: string;
  /** Whether the server sends email at all. */
  enabled: boolean;
}

export interface InboundEmailResponse {
  status: 'posted' | 'ignored';
  conversationId: string;
  messageId?: string;
  seq?: number;
  reason?: string;
}

export type OutboxItemStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** One email in the outbox, as admins see it (its body is not listed). */
export interface OutboxItem {
  id: string;
  kind: 'visitor.reply' | 'agent.unseen' | 'transcript' | 'transcript.confirm';
  conversationId: string | null;
  to: string;
  /** true: a verified address (identity JWT, a reply, a confirmation link); false: only typed in; null: a staff member's. */
  toVerified: boolean | null;
  subject: string;
  status: OutboxItemStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** GET /admin/email: is email on, and how it is set up. */
export interface EmailStatus {
  enabled: boolean;
  /** Why it is off, for the settings page. */
  reason?: string;
  from: string | null;
  replyDomain: string | null;
  delayMs: number;
  inbound: { smtpPort: number | null; httpPath: string };
}

/** POST /api/v1/attachments/links: signed download links for the ids the caller may read (others are left out). */
export interface AttachmentLinksRequest {
  ids: string[];
}
export interface AttachmentLinksResponse {
  links: Record<string, { url: string; expiresAt: number }>;
}

/** A per-site block (POST /api/v1/visitors/:id/block): a visitor, or the address one came from. */
export interface Block {
  id: string;
  siteId: string;
  kind: 'visitor' | 'ip';
  value: string;
  /** The staff member who blocked. */
  createdBy: string;
  createdAt: number;
}

/** GET /api/v1/visitor/challenge: find a `nonce` whose SHA-256 of `challenge + ":" + nonce` starts with `difficulty` zero bits. */
export interface ProofOfWorkChallenge {
  challenge: string;
  /** 0: the site asks for none. */
  difficulty: number;
  expiresAt: number;
}

/** GET /admin/sites/:id/installation: what to paste, and where the widget has been seen. */
export interface InstallationResponse {
  /** The script-tag snippet with its queue stub. */
  snippet: string;
  /** The same for pages that import ES modules. */
  esmSnippet: string;
  /** Page origins the widget opened a session from, newest first (at most 20). */
  sightings: { origin: string; lastSeenAt: number }[];
}

/** A one-time link that sets a member's password (an invitation or a reset); the admin hands it over. */
export interface PasswordLink {
  /** Secret, inside the URL fragment: `/dashboard/password#<token>`. */
  token: string;
  path: string;
  expiresAt: number;
}

/** POST /staff/password-link: whose link this is, for the page that sets the password. */
export interface PasswordLinkInfo {
  purpose: 'invite' | 'reset';
  email: string;
  name: string;
  siteName: string;
}
