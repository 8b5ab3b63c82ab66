import { join } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../protocol/index.ts';
import { closestName } from './config/closest-name.ts';
import { bool, ConfigError, hostList, int, oneOf, optionalInt, optionalText, originList, path, readSetting, secret, text, url, type Loaded, type Setting } from './config/settings.ts';

/**
 * Every setting Parley reads, in one table: option name, PARLEY_* variable, default, strict parser and the
 * line docs/deploy.md shows (`npm run docs:settings` rewrites that table; a test fails when it is stale).
 * Adding a setting is one line here: its type in `Config` follows from the parser. A bad value stops the
 * server with a sentence naming the variable. loadConfig never reads files; main.ts creates the server
 * key under dataDir when PARLEY_SECRET is unset.
 */
const L = DEFAULT_LIMITS;
const DAY = 24 * 3600;
const MIB = 1024 * 1024;

export const SETTINGS = {
  port: int('PARLEY_PORT', 8787, 'port to listen on (`0`: any free port, for tests)', { max: 65535 }),
  host: text('PARLEY_HOST', '0.0.0.0', 'interface to bind; use `127.0.0.1` behind a proxy on the same machine'),
  publicUrl: url('PARLEY_PUBLIC_URL', ['http', 'https'], 'public base URL used in printed links and attachment URLs; its origin also counts as the server\'s own origin for Origin checks', '`http://localhost:<port>`'),
  examplesPort: int('PARLEY_EXAMPLES_PORT', 8788, 'with `PARLEY_DEMO` on: port of the example pages the server also starts (`0`: any free port); the banner prints the real one, and a taken port only leaves the examples out', { max: 65535 }),
  listenBacklog: int('PARLEY_LISTEN_BACKLOG', 4096, 'connections the kernel queues while the server is busy (capped by `net.core.somaxconn`); Node\'s default of 511 overflows when thousands of clients reconnect at once, and the dropped ones wait for TCP\'s SYN retries (1 s, 3 s, 7 s)', { min: 1 }),
  dataDir: path('PARLEY_DATA_DIR', './data', 'the data directory (SQLite database, generated secret, attachments)'),
  dbFile: path('PARLEY_DB_FILE', (c) => join(c.dataDir as string, 'parley.db'), 'the SQLite file', '`<data dir>/parley.db`'),
  secret: secret('PARLEY_SECRET', 16, 'signs visitor tokens and staff sessions (HS256; at least 16 characters, use 32+ random bytes). Changing it signs everyone out', 'generated into `<data dir>/secret.key`'),
  allowedHosts: hostList('PARLEY_ALLOWED_HOSTS', 'comma-separated host names (`chat.acme.example`, or with a port) this server answers for; any other `Host` header is refused `421 host_not_allowed` (HTTP and WebSocket; `/healthz` and `/readyz` answer any), which stops DNS-rebinding pages', 'the host of `PARLEY_PUBLIC_URL`; neither set: any host'),
  dashboardOrigins: originList('PARLEY_DASHBOARD_ORIGINS', 'comma-separated origins allowed to use staff routes and staff sockets cross-origin (a dashboard hosted elsewhere); the server\'s own origin is always allowed'),
  visitorTokenTtlSec: int('PARLEY_VISITOR_TOKEN_TTL', 30 * DAY, 'visitor token lifetime, seconds', { min: 1, shownDefault: '`2592000` (30 days)' }),
  staffSessionTtlSec: int('PARLEY_STAFF_SESSION_TTL', 7 * DAY, 'staff session lifetime, seconds', { min: 1, shownDefault: '`604800` (7 days)' }),
  staffIdleTimeoutSec: int('PARLEY_STAFF_IDLE_TIMEOUT', 8 * 3600, 'a staff session nobody used for this long (no request, no command on a socket; heartbeats do not count) has ended: its sockets close (4011) and the dashboard asks to log in again. Seconds; `0`: no idle timeout', { shownDefault: '`28800` (8 h)' }),
  serverOwners: optionalText('PARLEY_SERVER_OWNERS', 'comma-separated emails of the staff who may create sites from the dashboard or REST (`POST /api/v1/admin/sites`); unset: the stored owners, which start with the first admin made on this server and which an owner changes (`/api/v1/admin/server-owners`). The CLI always can', '(the stored owners)'),
  identityGraceSec: int('PARLEY_IDENTITY_GRACE', 24 * 3600, 'after an admin rotates a site\'s identity secret, the old one still verifies user JWTs (and keeps the visitor sessions it opened) this long, so the site\'s backend can switch without signing anyone out; then both stop (`0`: at once)', { shownDefault: '`86400` (24 h)' }),
  passwordHashCost: int('PARLEY_PASSWORD_HASH_COST', 17, 'log2 of scrypt\'s N for staff passwords (r = 8, p = 1): 17 is OWASP\'s minimum (128 MiB, a few hundred ms per sign-in). Hashes made with a lower cost are replaced at the next sign-in', { min: 10, max: 20 }),
  passwordLinkTtlSec: int('PARLEY_PASSWORD_LINK_TTL', 3 * DAY, 'how long an invitation or password-reset link (made by an admin in the dashboard\'s team settings) stays usable; each is used once, and a new one replaces the member\'s earlier link', { min: 60, shownDefault: '`259200` (3 days)' }),
  jwtClockToleranceSec: int('PARLEY_JWT_CLOCK_TOLERANCE', 30, 'seconds of clock skew accepted on `exp`/`nbf` of every JWT (including your site\'s user JWTs)'),
  demo: bool('PARLEY_DEMO', true, 'on an empty database, create a demo site (allowing any `http://localhost:*` and `http://127.0.0.1:*` origin) and an admin, print how to log in, and serve the example pages. Turn it off in production'),
  shutdownMs: int('PARLEY_SHUTDOWN_MS', 10_000, 'on SIGTERM/SIGINT, the longest wait for in-flight HTTP requests before the rest are cut'),
  logLevel: oneOf('PARLEY_LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info', '`debug` (adds one line per HTTP request), `info`, `warn`, `error`, `silent`'),
  metricsToken: secret('PARLEY_METRICS_TOKEN', 16, 'turns on `GET /metrics` (Prometheus text) for scrapers that send `Authorization: Bearer <token>`; unset, `/metrics` answers 404 (see [Metrics](#metrics))', '(none: metrics off)'),
  trustProxy: bool('PARLEY_TRUST_PROXY', false, 'behind a reverse proxy: the client IP for per-IP limits is the last `X-Forwarded-For` entry (the one your proxy appended) instead of the proxy\'s own address. Leave off when clients reach Parley directly, or anyone could pick their IP'),
  databaseUrl: url('PARLEY_DATABASE_URL', ['postgres', 'postgresql'], '`postgres://user:pass@host:5432/db`: keep the data in PostgreSQL instead of the SQLite file, so several Parley processes can share it (see [Scaling out](#scaling-out))', '(none: SQLite)'),
  databaseSchema: text('PARLEY_DATABASE_SCHEMA', 'parley', 'the PostgreSQL schema holding Parley\'s tables (created and migrated on start)'),
  redisUrl: url('PARLEY_REDIS_URL', ['redis', 'rediss'], '`redis://host:6379`: carry events and presence between Parley processes through Redis (see [Scaling out](#scaling-out))', '(none: in-process bus)'),
  redisPrefix: text('PARLEY_REDIS_PREFIX', 'parley:', 'prefix of every Redis channel and key; deployments sharing one Redis need different ones'),
  presenceTtlMs: int('PARLEY_PRESENCE_TTL_MS', 15_000, 'with Redis: a process that has not refreshed its presence entry for this long counts as gone; another process removes its sockets and announces their visitors and agents offline (each process refreshes every third of it)', { min: 1 }),
  reorderWaitMs: int('PARLEY_REORDER_WAIT_MS', 100, 'a live event that arrives after a hole in its site\'s cursors (the missing events committed just before, on this process or another, and still on their way) waits this long for them; then they are read from the store and delivered in order'),
  feedCheckMs: int('PARLEY_FEED_CHECK_MS', 1_000, 'how often each process compares what it delivered for each site with the store\'s latest cursors (one query for all sites): a commit whose process died before publishing it, or that the bus lost, is read from the store and delivered within about two of these. While the bus (Redis) is down, every fifth of it. `0`: never (tests)'),
  lockWaitMs: int('PARLEY_LOCK_WAIT_MS', 5_000, 'a write waits this long for a lock another process holds (SQLite: the CLI, a backup; PostgreSQL: another transaction, `lock_timeout`), then fails with `unavailable` (retryable; `/readyz` answers 503 until a write commits again). The server keeps serving meanwhile', { min: 1 }),
  statementTimeoutMs: int('PARLEY_STATEMENT_TIMEOUT_MS', 10_000, 'PostgreSQL: a statement running longer is cancelled (`statement_timeout`) and fails with `unavailable`', { min: 1 }),
  unreadPushMs: int('PARLEY_UNREAD_PUSH_MS', 100, 'an agent\'s unread counts are pushed at most once per this interval, and only when they changed: the first change is pushed at once, later ones within the interval together at its end (a burst of visitor messages costs one push, not one per message). A new staff socket gets its counts at once'),
  visitorUpdateMs: int('PARLEY_VISITOR_UPDATE_MS', 1_000, 'staff hear that a visitor changed page or context (`visitor.updated`) at most once per visitor per this interval: the first change at once, later ones within it merged into one at its end (the latest page). `0`: every change'),
  visitorOfflineGraceMs: int('PARLEY_VISITOR_OFFLINE_GRACE_MS', 3_000, 'a visitor\'s closed socket still counts for presence this long: a page change, reload or reconnect within it shows staff no offline/online flicker, and a reconnect storm sends staff no presence events. Staff sockets count down at once'),
  unsentAttachmentMaxAgeMs: int('PARLEY_UNSENT_ATTACHMENT_MAX_AGE_MS', DAY * 1000, 'an upload that no message carries is deleted (record and file) once it is this old: a visitor who picks a file and leaves does not leave it on disk forever', { shownDefault: '`86400000` (24 h)' }),
  attachmentLinkTtlSec: int('PARLEY_ATTACHMENT_LINK_TTL', 300, 'lifetime of a signed attachment download link (`POST /api/v1/attachments/links`), seconds: what a link leaked through a log or a shared screenshot is worth. Clients ask for new ones as they expire', { min: 10 }),
  attachmentSweepMs: int('PARLEY_ATTACHMENT_SWEEP_MS', 15 * 60 * 1000, 'how often such uploads are looked for (every process sweeps; each upload is removed by one of them); `0` = never', { shownDefault: '`900000` (15 min)' }),
  reopenWindowMinutes: int('PARLEY_REOPEN_WINDOW_MINUTES', 10, 'a visitor\'s message within this many minutes of a resolve reopens the conversation; later it starts a new one. A site\'s own setting (`reopenMinutes`) overrides it; `0`: always a new one', { max: 7 * 24 * 60 }),
  retentionCheckMs: int('PARLEY_RETENTION_CHECK_MS', 3_600_000, 'how often each process deletes the conversations a site\'s retention (`settings.retentionDays`) says are due, with their files (each goes once whichever process finds it). `0`: never by itself', { shownDefault: '`3600000` (1 h)' }),
  snoozeCheckMs: int('PARLEY_SNOOZE_CHECK_MS', 1_000, 'how often each process looks for snoozed conversations whose time has come and opens them again (one indexed query; each conversation wakes once whichever process finds it). `0`: never (tests)'),
  waitingAlertMinutes: int('PARLEY_WAITING_ALERT_MINUTES', 15, 'a visitor\'s message unanswered this many minutes (no staff reply since; notes do not count) notifies the conversation\'s assignee, or every agent while it is unassigned, once per unanswered run. A site\'s own setting (`waitingAlertMinutes`) overrides it; `0`: never', { max: 7 * 24 * 60 }),
  waitingCheckMs: int('PARLEY_WAITING_CHECK_MS', 30_000, 'how often each process looks for conversations waiting too long (one query per site with a threshold; each run alerts once whichever process finds it). `0`: never (tests)'),
  waitingHorizonHours: int('PARLEY_WAITING_HORIZON_HOURS', 24, 'only open conversations active within this many hours are looked at for waiting too long (bounds each look; older unanswered ones are the inbox\'s business)', { min: 1 }),
  maxSnoozeDays: int('PARLEY_MAX_SNOOZE_DAYS', 365, 'a snooze may end at most this many days ahead', { min: 1 }),
  assignmentCheckMs: int('PARLEY_ASSIGNMENT_CHECK_MS', 5_000, 'how often each process sweeps every site for routing: business hours opening or closing (visitors are told), agents away longer than their site\'s `awayTimeoutMinutes` (what waits on them goes back to the queue) and conversations still waiting (assigned when someone has room). Arrivals, resolves and agents coming online assign at once; this catches the rest, also after a restart. `0`: never (tests)'),
  assignmentCapacity: int('PARLEY_ASSIGNMENT_CAPACITY', 5, 'automatic assignment: open conversations an agent holds at most, unless the site (`assignment.capacity`) or the agent (`assignment.agents`) has its own', { max: 1000 }),
  queueListed: int('PARLEY_QUEUE_LISTED', 100, 'automatic assignment: the first this many waiting conversations are listed to staff (`queue.changed`) and told their place (`queue.position`); the count covers all', { min: 1, max: 10_000 }),
  replyTimeDays: int('PARLEY_REPLY_TIME_DAYS', 14, 'the widget\'s "usually replies in" is the median first reply over conversations opened within business hours in this many days', { min: 1, max: 366 }),
  replyTimeMinSamples: int('PARLEY_REPLY_TIME_MIN_SAMPLES', 5, 'fewer answered conversations than this in that window: the widget shows the site\'s `replyTime` text instead', { min: 1 }),
  maxReportDays: int('PARLEY_MAX_REPORT_DAYS', 366, 'the longest range one report covers', { min: 1 }),
  ratingChangeMinutes: int('PARLEY_RATING_CHANGE_MINUTES', 7 * 24 * 60, 'a visitor may change their rating of a conversation for this many minutes after first giving it', { shownDefault: '`10080` (7 days)' }),
  notifyPollMs: int('PARLEY_NOTIFY_POLL_MS', 500, 'how often each process follows the event log into agents\' notifications (assigned to me, mentioned, replies, ratings, waiting) and pushes the new ones to their sockets. A commit also wakes its own process\'s follower at once; the poll is for commits of other processes (a site is followed by one process at a time, under a lease), which appear within about this long. Each poll costs one cursor read per site', { min: 1 }),
  notifyLeaseMs: int('PARLEY_NOTIFY_LEASE_MS', 10_000, 'a site\'s notification follower belongs to one process this long after its last round; after a crash or a restart the next process takes the site over then, or up to a quarter of this later (it asks that often; an event handed over twice still makes each notification once)', { min: 1000 }),
  notifyKeepDays: int('PARLEY_NOTIFY_KEEP_DAYS', 90, 'agents\' notifications older than this many days are deleted (read or not; each process looks once an hour)', { min: 1 }),
  widgetSightingMs: int('PARLEY_WIDGET_SIGHTING_MS', 60_000, 'the installation check in the dashboard: where the widget was last seen is written at most once per this interval per site and page origin', { min: 1 }),
  streamRelayTimeoutMs: int('PARLEY_STREAM_RELAY_TIMEOUT_MS', 3_000, 'HTTP fallback with several processes: a POST that reaches another process than its stream is carried there through the bus (resent every eighth of this while no answer comes); with no answer in this time it is `404 not_found` and the client opens a new stream and resumes', { min: 100 }),
  /** Sent to clients in the hello ack. */
  limits: {
    maxFrameBytes: int('PARLEY_MAX_FRAME_BYTES', L.maxFrameBytes, 'a larger WebSocket frame (or frame POSTed to an HTTP fallback stream) gets a `frame_too_large` error and the socket stays open; a frame above twice the limit is not read at all and the socket closes with 1009', { min: 1024 }),
    maxTextLength: int('PARLEY_MAX_TEXT_LENGTH', L.maxTextLength, 'longer message text is refused `text_too_long` (REST and ws)', { min: 1 }),
    rateBurst: int('PARLEY_RATE_BURST', L.rateBurst, 'frames per realtime connection (WebSocket or HTTP fallback stream): token bucket size …', { min: 1 }),
    ratePerSec: int('PARLEY_RATE_PER_SEC', L.ratePerSec, '… refilled per second; when empty a frame gets `rate_limited`; `max(5, burst)` refusals in a row close the socket with 4008'),
    maxConnectionsPerIp: int('PARLEY_MAX_CONN_PER_IP', L.maxConnectionsPerIp, 'more realtime connections (WebSocket upgrades and HTTP fallback streams together) from one IP are refused with HTTP 429 `too_many_connections`', { min: 1 }),
    maxBufferedBytes: int('PARLEY_MAX_BUFFERED_BYTES', L.maxBufferedBytes, 'a socket (or HTTP fallback stream) whose unsent data passes this is closed as a slow consumer (4009); it resumes when it reconnects', { min: 1 }),
    maxUploadBytes: int('PARLEY_MAX_UPLOAD_BYTES', L.maxUploadBytes, 'larger uploads get `413 payload_too_large`, checked on `Content-Length` and while reading', { shownDefault: '`10485760` (10 MiB)' }),
    maxAttachmentsPerMessage: int('PARLEY_MAX_ATTACHMENTS', L.maxAttachmentsPerMessage, 'more attachments on one message: `bad_request`'),
    maxBodyBytes: int('PARLEY_MAX_BODY_BYTES', L.maxBodyBytes, 'larger JSON bodies get `413 payload_too_large` (checked while reading)', { min: 1024 }),
    maxPageSize: int('PARLEY_MAX_PAGE_SIZE', L.maxPageSize, 'cap on `limit` for history, inbox and search', { min: 1 }),
    helloTimeoutMs: int('PARLEY_HELLO_TIMEOUT_MS', L.helloTimeoutMs, 'a socket that sends no `hello` in time is closed (4006)', { min: 1 }),
    heartbeatMs: int('PARLEY_HEARTBEAT_MS', L.heartbeatMs, 'ws ping (HTTP fallback: a `ping` event answered by a POST) and app heartbeat interval; a socket that misses a pong is terminated; tokens are re-checked on the same beat', { min: 1 }),
    typingTtlMs: int('PARLEY_TYPING_TTL_MS', L.typingTtlMs, 'a typing indicator expires this long after its last refresh', { min: 1 }),
    resumeMaxEvents: int('PARLEY_RESUME_MAX_EVENTS', L.resumeMaxEvents, 'a reconnecting client further behind than this is told to reload through REST', { min: 1 }),
  } satisfies { [K in keyof Limits]: Setting<Limits[K]> },
  /** Enforced by the server, not sent to clients. */
  serverLimits: {
    restRateBurst: int('PARLEY_REST_RATE_BURST', 60, 'REST writes: token bucket size, one bucket per caller and kind of write: sending a message and uploading per signed-in visitor or staff member, opening a visitor session and staff login per client IP …', { min: 1 }),
    loginAccountBurst: int('PARLEY_LOGIN_ACCOUNT_BURST', 10, 'staff sign-in attempts one account (email) may make at once, from any number of addresses …', { min: 1 }),
    loginAccountPerMin: int('PARLEY_LOGIN_ACCOUNT_PER_MIN', 5, '… and per minute after that; more are `429 rate_limited` and logged (as are failed sign-ins). With Redis one budget across all processes, and a bucket is kept until it has refilled, so a spray of other emails cannot reset it', { min: 1 }),
    restRatePerSec: int('PARLEY_REST_RATE_PER_SEC', 10, '… refilled per second; when empty `429 rate_limited` ("Too many requests; try again in N seconds.") with `Retry-After`. Reads are not limited'),
    principalRateBurst: int('PARLEY_PRINCIPAL_RATE_BURST', 40, 'WebSocket commands (all but `ping`) per visitor or staff member across all their sockets, with Redis across all processes: token bucket size …', { min: 1 }),
    principalRatePerSec: int('PARLEY_PRINCIPAL_RATE_PER_SEC', 20, '… refilled per second; when empty a command gets `rate_limited` (one visitor with 50 sockets sends at most this many messages a second, not 50 times the per-socket rate)'),
    newConversationsPerIp: int('PARLEY_NEW_CONVERSATIONS_PER_IP', 20, 'new conversations one client IP may open on one site per window; more get `rate_limited` ("Too many new conversations from your address …"); messages into an open conversation do not count …', { min: 1 }),
    newConversationsPerSite: int('PARLEY_NEW_CONVERSATIONS_PER_SITE', 1000, '… and all visitors of one site together per window', { min: 1 }),
    newConversationsWindowMs: int('PARLEY_NEW_CONVERSATIONS_WINDOW_MS', 10 * 60 * 1000, '… the window: each allowance refills evenly over it (a token bucket), shared by all processes with Redis', { min: 1000, shownDefault: '`600000` (10 min)' }),
    streamMaxFramesPerPost: int('PARLEY_STREAM_MAX_FRAMES_PER_POST', 32, 'HTTP fallback: frames in one POST to a stream; more is `400 bad_request`. Each frame is then checked like a WebSocket frame (size, rate, schema) …', { min: 1 }),
    streamMaxPostBytes: int('PARLEY_STREAM_MAX_POST_BYTES', 1024 * 1024, '… and the POST\'s body at most this many bytes (`413 payload_too_large`); the stream\'s unsent data counts against `PARLEY_MAX_BUFFERED_BYTES` like a socket\'s', { min: 4096, shownDefault: '`1048576` (1 MiB)' }),
    maxContextBytes: int('PARLEY_MAX_CONTEXT_BYTES', 8 * 1024, 'largest page context (`context.update`, the session\'s `context`) as JSON; larger is refused `bad_request` with its size', { min: 256 }),
    uploadsPendingPerVisitor: int('PARLEY_UPLOADS_PENDING_PER_VISITOR', 10, 'uploads a visitor has made that no message carries yet (picked, not sent); one more is refused `429 quota_exceeded` …', { min: 1 }),
    uploadBytesPendingPerVisitor: int('PARLEY_UPLOAD_BYTES_PENDING_PER_VISITOR', 25 * MIB, '… and so is one that would take their unsent uploads past this many bytes', { min: 1, shownDefault: '`26214400` (25 MiB)' }),
    uploadsPerVisitorPerDay: int('PARLEY_UPLOADS_PER_VISITOR_PER_DAY', 50, 'uploads per visitor in the last 24 hours, sent or not (`quota_exceeded`) …', { min: 1 }),
    uploadBytesPerVisitorPerDay: int('PARLEY_UPLOAD_BYTES_PER_VISITOR_PER_DAY', 100 * MIB, '… and their bytes', { min: 1, shownDefault: '`104857600` (100 MiB)' }),
    uploadsPendingPerSite: int('PARLEY_UPLOADS_PENDING_PER_SITE', 1000, 'unsent uploads of all visitors of one site (`quota_exceeded`: many new visitors cannot fill the disk either) …', { min: 1 }),
    uploadBytesPendingPerSite: int('PARLEY_UPLOAD_BYTES_PENDING_PER_SITE', 1024 * MIB, '… and their bytes', { min: 1, shownDefault: '`1073741824` (1 GiB)' }),
    uploadsPerSitePerDay: int('PARLEY_UPLOADS_PER_SITE_PER_DAY', 10_000, 'visitor uploads per site in the last 24 hours (`quota_exceeded`) …', { min: 1 }),
    uploadBytesPerSitePerDay: int('PARLEY_UPLOAD_BYTES_PER_SITE_PER_DAY', 5 * 1024 * MIB, '… and their bytes. Staff uploads count against none of these quotas', { min: 1, shownDefault: '`5368709120` (5 GiB)' }),
    uploadsConcurrentPerUploader: int('PARLEY_UPLOADS_CONCURRENT_PER_UPLOADER', 2, 'uploads one visitor or staff member may have in progress at once on one process; one more is refused `429 too_many_uploads` before its body is read …', { min: 1 }),
    uploadsConcurrentPerProcess: int('PARLEY_UPLOADS_CONCURRENT_PER_PROCESS', 32, '… and uploads in progress on one process in all. Uploads stream to disk: each costs about 1 MiB of memory, whatever its size', { min: 1 }),
    apiTokenRateBurst: int('PARLEY_API_TOKEN_RATE_BURST', 120, 'requests with one API token (`Authorization: Bearer prl_…`), reads and writes: token bucket size …', { min: 1 }),
    apiTokenRatePerSec: int('PARLEY_API_TOKEN_RATE_PER_SEC', 20, '… refilled per second; when empty `429 rate_limited` with `Retry-After`', { min: 1 }),
    erasureRequestsPerIp: int('PARLEY_ERASURE_REQUESTS_PER_IP', 5, 'erasure requests ("Delete my data" in the widget) one client IP may make on one site per window; more get `rate_limited`. Asking again while one is pending does not count …', { min: 1 }),
    erasureRequestsWindowMs: int('PARLEY_ERASURE_REQUESTS_WINDOW_MS', 24 * 60 * 60 * 1000, '… the window (a token bucket refilled evenly over it, shared by all processes with Redis)', { min: 1000, shownDefault: '`86400000` (a day)' }),
    erasureRequestsPendingPerSite: int('PARLEY_ERASURE_REQUESTS_PENDING_PER_SITE', 500, 'erasure requests waiting for an admin on one site; one more is refused `429 quota_exceeded` until admins confirm or decline some (a flood of new anonymous visitors cannot grow the list without bound)', { min: 1 }),
    maxTeamsPerSite: int('PARLEY_MAX_TEAMS', 50, 'teams one site may have (Settings -> Teams); one more is refused `409 conflict`', { min: 1, max: 1000 }),
    maxOpenConversationsPerVisitor: int('PARLEY_MAX_OPEN_CONVERSATIONS', 5, 'conversations one visitor may have that are not resolved; asking for another new one is refused `rate_limited` (writing into an open one still works)', { min: 1 }),
    httpKeepAliveMs: int('PARLEY_HTTP_KEEPALIVE_MS', 65_000, 'an idle HTTP keep-alive connection is closed after this. Longer than the idle timeout of what sits in front (a proxy, a load balancer: typically 60 s) and of clients, so it is they who close an idle connection, never the server just as a request is sent on it (that request would fail: "socket hang up")', { min: 1000, shownDefault: '`65000` (65 s)' }),
    transcriptConfirmsPerAddress: int('PARLEY_TRANSCRIPT_CONFIRMS_PER_ADDRESS', 3, 'a transcript asked for in the widget goes to an address only typed in (not verified) after its owner confirms it: the confirmation emails one address gets from one site, a day (refilled evenly over 24 h; more are `429 quota_exceeded`) …', { min: 1 }),
    transcriptsPerSitePerHour: int('PARLEY_TRANSCRIPTS_PER_SITE_PER_HOUR', 100, '… and the emails (confirmations and transcripts) all visitors of one site may have sent from the widget an hour. With Redis both hold across processes. An agent\'s transcript from the dashboard counts against neither', { min: 1 }),
    fetchMaxEvents: int('PARLEY_FETCH_MAX_EVENTS', 500, 'events one `events.fetch` (a client filling a hole) returns at most; the ack\'s `upTo` tells the client where to ask again', { min: 1 }),
  },
  /** Outbound webhooks (server/webhooks/). */
  webhooks: {
    allowPrivate: bool('PARLEY_WEBHOOK_ALLOW_PRIVATE', false, 'let webhook URLs reach private, loopback and link-local addresses (an intranet receiver); off: such URLs are refused, so an admin cannot make Parley call into your network (SSRF)'),
    timeoutMs: int('PARLEY_WEBHOOK_TIMEOUT_MS', 10_000, 'a receiver that has not answered within this is a failed attempt (retried)', { min: 100 }),
    maxResponseBytes: int('PARLEY_WEBHOOK_MAX_RESPONSE_BYTES', 64 * 1024, 'at most this much of a receiver\'s answer is read; the rest is dropped', { min: 0 }),
    retryBaseMs: int('PARLEY_WEBHOOK_RETRY_MS', 30_000, 'wait before the second attempt after a failed one (not 2xx, no answer), doubled for each next one, at most 1 h apart', { min: 1 }),
    retryForMs: int('PARLEY_WEBHOOK_RETRY_FOR_MS', 24 * 60 * 60 * 1000, 'a delivery is retried this long after it was made; then it is failed and its endpoint marked failing (admins can resend)', { min: 1, shownDefault: '`86400000` (a day)' }),
    pollMs: int('PARLEY_WEBHOOK_POLL_MS', 1000, 'how often each process follows the event log into deliveries and sends what is due', { min: 1 }),
    leaseMs: int('PARLEY_WEBHOOK_LEASE_MS', 60_000, 'a claimed delivery belongs to the process that claimed it this long (at least 3 × the timeout); after a crash another process sends it then', { min: 1000 }),
  },
  /** Email notifications, transcripts and replies by email (server/email/); off while smtpUrl or from is unset. */
  email: {
    smtpUrl: { ...url('PARLEY_SMTP_URL', ['smtp', 'smtps'], 'outgoing mail server, `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`; email is off while unset (the dashboard\'s email settings say so)', '(none: email off)'), sensitive: true },
    from: optionalText('PARLEY_EMAIL_FROM', 'the From of every email, e.g. `support@acme.example` (the site\'s name is shown as its display name); email is off while unset'),
    replyDomain: optionalText('PARLEY_EMAIL_REPLY_DOMAIN', 'domain of the signed reply addresses `reply+<conversation>.<signature>@<domain>` and of Message-IDs; its MX must reach the inbound listener or your mail provider\'s inbound webhook', 'the From address\'s domain'),
    delayMs: int('PARLEY_EMAIL_DELAY_MS', 3 * 60 * 1000, 'a staff reply the visitor has not read for this long is emailed to them (replies within it go in one email); a visitor message no agent has seen for this long is emailed to the agents', { shownDefault: '`180000` (3 min)' }),
    inboundPort: optionalInt('PARLEY_SMTP_INBOUND_PORT', 'port of the inbound SMTP listener that takes replies to Parley\'s emails (`0`: any free port, for tests); unset: no listener (replies can still be posted to `POST /api/v1/email/inbound`)', { max: 65535 }),
    inboundMaxClients: int('PARLEY_SMTP_INBOUND_MAX_CLIENTS', 100, 'connections the inbound SMTP listener holds at once (each costs a socket and a parser); more are answered `421` (try later: mail servers retry) and closed', { min: 1 }),
    inboundHost: optionalText('PARLEY_SMTP_INBOUND_HOST', 'interface the inbound SMTP listener binds', '`PARLEY_HOST`'),
    pollMs: int('PARLEY_EMAIL_POLL_MS', 1000, 'how often each process looks for new events, due notifications and emails to send (each is done by one process, under a lease)', { min: 1 }),
    leaseMs: int('PARLEY_EMAIL_LEASE_MS', 2 * 60 * 1000, 'a claimed email or notification belongs to the process that claimed it this long; after a crash another process takes it over then. SMTP timeouts are a quarter of it', { min: 1000, shownDefault: '`120000` (2 min)' }),
    maxAttempts: int('PARLEY_EMAIL_MAX_ATTEMPTS', 8, 'delivery attempts before an email is marked failed (a 5xx answer fails it at once); admins can retry it', { min: 1 }),
    retryBaseMs: int('PARLEY_EMAIL_RETRY_MS', 30_000, 'wait before the second attempt after a temporary SMTP failure (connection refused, 4xx), doubled for each next one, at most 1 h', { min: 1 }),
    maxInboundBytes: int('PARLEY_EMAIL_MAX_INBOUND_BYTES', 25 * 1024 * 1024, 'largest inbound email, over SMTP (announced with `SIZE`, refused `552`) or HTTP (`413 payload_too_large`); each attachment in it is limited like an upload', { min: 1024, shownDefault: '`26214400` (25 MiB)' }),
    keepMs: int('PARLEY_EMAIL_KEEP_MS', 30 * DAY * 1000, 'sent and failed emails (their bodies quote the conversation) are deleted from the outbox after this long', { min: 1, shownDefault: '`2592000000` (30 days)' }),
  },
};

/** PARLEY_* variables Parley's own tools read (tests, screenshots); the server ignores them without a warning. */
export const TOOL_VARIABLES = ['PARLEY_CHROMIUM', 'PARLEY_E2E_TIMEOUT', 'PARLEY_SCREENSHOTS_DIR', 'PARLEY_TEST_PG_URL', 'PARLEY_TEST_REDIS_URL'];

/** The value type of a settings tree: each Setting<T> becomes T. */
type Values<S> = S extends Setting<infer T> ? T : { -readonly [K in keyof S]: Values<S[K]> };

export type Config = Values<typeof SETTINGS>;
export type ServerLimits = Config['serverLimits'];
export type EmailConfig = Config['email'];
export type WebhooksConfig = Config['webhooks'];

type Env = Record<string, string | undefined>;
type Tree = { [key: string]: Setting<unknown> | Tree };
const isSetting = (x: Setting<unknown> | Tree): x is Setting<unknown> => typeof (x as Setting<unknown>).parse === 'function';

function load(tree: Tree, env: Env, loaded: Record<string, unknown>): Record<string, unknown> {
  for (const [key, s] of Object.entries(tree)) loaded[key] = isSetting(s) ? readSetting(s, env, loaded) : load(s, env, {});
  return loaded;
}

/** Every setting in declaration order with its option path (`port`, `limits.maxFrameBytes`). */
export function allSettings(tree: Tree = SETTINGS, prefix = ''): { option: string; setting: Setting<unknown> }[] {
  return Object.entries(tree).flatMap(([key, s]) => (isSetting(s) ? [{ option: prefix + key, setting: s }] : allSettings(s, `${prefix}${key}.`)));
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = load(SETTINGS.serverLimits, {}, {}) as ServerLimits;

/** Overrides for tests and embedders; the groups may be given in part. */
export type ConfigOverrides = Partial<Omit<Config, 'limits' | 'serverLimits' | 'email' | 'webhooks'>> & {
  webhooks?: Partial<WebhooksConfig>;
  limits?: Partial<Limits>;
  serverLimits?: Partial<ServerLimits>;
  email?: Partial<EmailConfig>;
};

export function loadConfig(env: Env = process.env, overrides: ConfigOverrides = {}): Config {
  const config = load(SETTINGS, env, {}) as Config;
  return {
    ...config,
    ...overrides,
    limits: { ...config.limits, ...(overrides.limits ?? {}) },
    serverLimits: { ...config.serverLimits, ...(overrides.serverLimits ?? {}) },
    email: { ...config.email, ...(overrides.email ?? {}) },
    webhooks: { ...config.webhooks, ...(overrides.webhooks ?? {}) },
  };
}

/** PARLEY_* variables in env that no setting reads, each with the closest known name (a typo, most likely). */
export function unknownVariables(env: Env = process.env): { variable: string; suggestion: string | null }[] {
  const known = allSettings().map((s) => s.setting.env);
  const ignored = new Set([...known, ...TOOL_VARIABLES]);
  return Object.keys(env)
    .filter((k) => k.startsWith('PARLEY_') && !ignored.has(k))
    .sort()
    .map((variable) => ({ variable, suggestion: closestName(variable, known) }));
}

export { ConfigError };
export type { Loaded, Setting };
