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
