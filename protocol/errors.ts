/**
 * Stable error codes. They cross the wire as `{ code, message }` over both REST and WebSocket,
 * so clients branch on `code` and show `message` to people. Never rename a code; add new ones.
 */
export const ErrorCodes = [
  'bad_request', // body or frame failed schema validation
  'invalid_json', // frame or body is not JSON
  'unknown_type', // frame type the server does not know
  'frame_too_large', // inbound frame above limits.maxFrameBytes
  'text_too_long', // message text above limits.maxTextLength
  'protocol_version', // hello with an unsupported version
  'not_ready', // command sent before a successful hello
  'unauthorized', // missing, malformed, tampered or wrong-audience token
  'token_expired', // token valid but past exp
  'forbidden', // authenticated but not allowed (other visitor's conversation, other site, role)
  'origin_not_allowed', // Origin header not in the site's allowed origins
  'not_found',
  'conflict', // e.g. clientId reused for different content
  'rate_limited', // token bucket empty; retry later
  'too_many_connections', // per-IP connection limit
  'slow_consumer', // send buffer over limits.maxBufferedBytes: socket closed
  'payload_too_large', // upload or body above its limit
  'unsupported_media_type', // upload whose sniffed type is not on the allowlist
  'resume_too_old', // resume point older than the retention window: reload through REST
  'invalid_credentials', // staff login failed
  'shutting_down',
  'unavailable', // the database could not commit in time (a lock held by another process, a timeout, a lost connection): retry
  'internal',
  'email_not_configured', // the server sends no email (PARLEY_SMTP_URL unset)
  'quota_exceeded', // an upload quota (files or bytes not sent yet, or in the last 24 hours) is used up
  'too_many_uploads', // too many uploads in progress at once (by this caller or on this server)
  'host_not_allowed', // the Host header is not one this server answers for (PARLEY_ALLOWED_HOSTS)
  'csrf_failed', // a write authenticated by the staff session cookie without its X-CSRF-Token header
  'blocked', // the site's staff blocked this visitor or their address
  'pow_required', // the site asks new visitors for a solved proof-of-work challenge (GET /api/v1/visitor/challenge)
  'consent_required', // the site creates no visitor before the visitor consents (site setting requireConsent; the widget sends consent: true)
  'weak_password', // a new password is too short, the email itself, or a common one (the message says which)
  'unknown_team', // a body names a team the site does not have (a routing rule, the pre-chat picker, a conversation's team)
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** The shape of every error on the wire. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

/** HTTP status for each code, used by REST. */
export const HttpStatusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  unknown_type: 400,
  frame_too_large: 413,
  text_too_long: 400,
  protocol_version: 400,
  not_ready: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_many_connections: 429,
  slow_consumer: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  resume_too_old: 409,
  invalid_credentials: 401,
  shutting_down: 503,
  unavailable: 503,
  internal: 500,
  email_not_configured: 503,
  quota_exceeded: 429,
  too_many_uploads: 429,
  host_not_allowed: 421,
  csrf_failed: 403,
  blocked: 403,
  pow_required: 428,
  consent_required: 403,
  weak_password: 400,
  unknown_team: 400,
};

/**
 * WebSocket close codes the server uses. 1000-1011 are standard; 4xxx are Parley's own.
 * A client must not auto-reconnect after `unauthorized`/`forbidden`/`protocol_version` closes
 * without first getting a new token (it would loop).
 */
export const CloseCodes = {
  normal: 1000,
  goingAway: 1001, // server shutting down: reconnect with backoff
  abnormal: 1006, // no close frame: the connection was cut (clients see it; never sent)
  policy: 1008, // origin refused
  tooLarge: 1009, // frame above maxFrameBytes
  internal: 1011,
  unauthorized: 4001, // bad or expired token: get a new one before reconnecting
  forbidden: 4003,
  protocolVersion: 4005,
  helloTimeout: 4006, // no hello within limits.helloTimeoutMs
  rateLimited: 4008, // repeated flooding after rate_limited errors
  slowConsumer: 4009, // send buffer over limit
  heartbeatTimeout: 4010, // missed pong
  replaced: 4011, // token revoked (logout) or session replaced
} as const;
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

/** Close codes after which reconnecting with the same token is pointless. */
export const FatalCloseCodes: ReadonlySet<number> = new Set([
  CloseCodes.unauthorized,
  CloseCodes.forbidden,
  CloseCodes.protocolVersion,
  CloseCodes.replaced,
]);
