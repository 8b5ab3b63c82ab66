/**
 * Default limits. The server reads overrides from env (see server/config.ts and docs/protocol.md);
 * the effective values are sent to clients in the hello ack so a client can check before sending.
 */
export interface Limits {
  /** Largest inbound WebSocket frame in bytes (PARLEY_MAX_FRAME_BYTES). */
  maxFrameBytes: number;
  /** Longest message text in UTF-16 code units (PARLEY_MAX_TEXT_LENGTH). */
  maxTextLength: number;
  /** Token bucket per connection: burst size (PARLEY_RATE_BURST). */
  rateBurst: number;
  /** Token bucket per connection: refill per second (PARLEY_RATE_PER_SEC). */
  ratePerSec: number;
  /** Open WebSocket connections per client IP (PARLEY_MAX_CONN_PER_IP). */
  maxConnectionsPerIp: number;
  /** Bytes queued on a socket before it is closed as a slow consumer (PARLEY_MAX_BUFFERED_BYTES). */
  maxBufferedBytes: number;
  /** Largest attachment in bytes (PARLEY_MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** Attachments per message. */
  maxAttachmentsPerMessage: number;
  /** Largest REST JSON body in bytes (PARLEY_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Page size cap for history and list endpoints. */
  maxPageSize: number;
  /** ms a new socket may wait before sending hello (PARLEY_HELLO_TIMEOUT_MS). */
  helloTimeoutMs: number;
  /** App heartbeat and ws ping interval in ms (PARLEY_HEARTBEAT_MS). */
  heartbeatMs: number;
  /** A typing indicator expires this many ms after its last refresh (PARLEY_TYPING_TTL_MS). */
  typingTtlMs: number;
  /** Resume replays at most this many events; further behind means `resume_too_old` (PARLEY_RESUME_MAX_EVENTS). */
  resumeMaxEvents: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 64 * 1024,
  maxTextLength: 10_000,
  rateBurst: 20,
  ratePerSec: 10,
  maxConnectionsPerIp: 50,
  maxBufferedBytes: 1024 * 1024,
  maxUploadBytes: 10 * 1024 * 1024,
  maxAttachmentsPerMessage: 10,
  maxBodyBytes: 128 * 1024,
  maxPageSize: 200,
  helloTimeoutMs: 10_000,
  heartbeatMs: 30_000,
  typingTtlMs: 6_000,
  resumeMaxEvents: 10_000,
};

/** Attachment types accepted after sniffing the bytes (the declared Content-Type is ignored). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];


/** Longest email address (RFC 5321); its own constant so the widget's email check carries no table. */
export const MAX_EMAIL = 254;

/**
 * Field limits fixed by the schema set (protocol/schema), not configurable: one rule for a field wherever
 * it arrives (REST body, query string, WebSocket frame). Plain literals, so a bundle that does not use
 * them (the widget) drops them.
 */
export const FIELD_LIMITS = {
  id: 128,
  email: MAX_EMAIL,
  token: 4096,
  userToken: 8192,
  siteKey: 200,
  contextPage: 2048,
  contextShort: 64,
  userAgent: 1024,
  attributes: 50,
  attributeKey: 64,
  attributeValue: 1000,
  searchQuery: 200,
  pageCursor: 500,
  name: 200,
  passwordMin: 10,
  password: 1024,
  origin: 300,
  origins: 100,
  greeting: 500,
  replyTime: 100,
  color: 64,
  launcherLabel: 40,
  cannedShortcut: 64,
  cannedText: 10_000,
  externalId: 200,
  webhookUrl: 2048,
  webhookDescription: 200,
  label: 50,
  labels: 20,
  ratingComment: 2000,
  timezone: 64,
  openingSpans: 28,
  holidays: 366,
  capacity: 1000,
  capacityEntries: 1000,
  teamName: 100,
  teamRules: 50,
  teamRulePattern: 300,
  teamPickerOptions: 20,
  teamPickerLabel: 60,
  teamMembers: 1000,
} as const;

/** What each field limit limits, for the limits table in docs/deploy.md (`npm run docs:settings`). */
export const FIELD_LIMIT_DOCS: Record<keyof typeof FIELD_LIMITS, string> = {
  id: "characters in an id (conversation, message, staff, attachment, `clientId`) and in a frame's correlation `id`",
  email: 'characters in an email address (RFC 5321)',
  token: 'characters in a visitor token sent over REST (`visitorToken`)',
  userToken: "characters in a site's user JWT (`userToken`)",
  siteKey: 'characters in a site key',
  contextPage: "characters in the page context's `url`, `title` and `referrer`",
  contextShort: "characters in the page context's `language`, `timezone` and `localTime`",
  userAgent: "characters in the page context's `userAgent`",
  attributes: 'custom attributes in a page context',
  attributeKey: "characters in a custom attribute's name",
  attributeValue: "characters in a custom attribute's string value",
  searchQuery: 'characters in a search or inbox query (`q`)',
  pageCursor: 'characters in a page `cursor`',
  name: 'characters in a site or staff name',
  passwordMin: 'characters a new password has at least',
  password: 'characters in a password',
  origin: 'characters in an allowed origin',
  origins: 'allowed origins per site',
  greeting: 'characters in the widget greeting',
  replyTime: 'characters in the typical reply time text',
  color: 'characters in the accent color',
  launcherLabel: 'characters in the launcher label',
  cannedShortcut: "characters in a canned response's shortcut",
  cannedText: "characters in a canned response's text",
  externalId: "characters in a site's own user id (a user JWT's `sub`, `externalId`)",
  webhookUrl: 'characters in a webhook URL',
  webhookDescription: "characters in a webhook's description",
  label: 'characters in a conversation label',
  labels: 'labels per conversation',
  ratingComment: "characters in a rating's comment",
  timezone: "characters in the business hours' time zone name",
  openingSpans: 'opening spans in a weekly business-hours schedule',
  holidays: 'holidays (dates) in the business hours',
  capacity: 'open conversations an agent may be given at most (automatic assignment)',
  capacityEntries: 'agents with a capacity of their own, per site',
  teamName: "characters in a team's name",
  teamRules: 'page URL routing rules (page -> team) per site',
  teamRulePattern: "characters in a routing rule's page pattern",
  teamPickerOptions: "teams offered in the widget's pre-chat team choice",
  teamPickerLabel: "characters in a pre-chat team choice's label",
  teamMembers: 'members named in one team write',
};
