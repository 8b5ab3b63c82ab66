import { join, resolve } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../protocol/index.ts';

/**
 * Every setting, its default and its env variable (PARLEY_ prefix). docs/deploy.md lists them.
 * loadConfig never reads files; the server key is created by main.ts under dataDir when absent.
 */
export interface Config {
  port: number; // PARLEY_PORT, 8787; 0 = any free port (tests)
  /**
   * Connections the kernel holds for us while the event loop is busy (PARLEY_LISTEN_BACKLOG), 4096; the
   * kernel caps it at net.core.somaxconn. Node's default, 511, overflows when thousands of clients
   * reconnect at once (a restart, a network blip): the overflow is dropped and those clients wait for
   * TCP's SYN retries (1 s, 3 s, 7 s, ...) before they even reach us.
   */
  listenBacklog: number;
  host: string; // PARLEY_HOST, 0.0.0.0
  /** Public base URL used in printed links and attachment URLs (PARLEY_PUBLIC_URL; default http://localhost:<port>). */
  publicUrl: string | null;
  dataDir: string; // PARLEY_DATA_DIR, ./data
  dbFile: string; // PARLEY_DB_FILE, <dataDir>/parley.db
  /** Secret that signs visitor tokens and staff sessions (PARLEY_SECRET; else generated into <dataDir>/secret.key). */
  secret: string | null;
  /** Origins allowed to open staff (dashboard) sockets besides the server's own (PARLEY_DASHBOARD_ORIGINS, comma list). */
  dashboardOrigins: string[];
  visitorTokenTtlSec: number; // PARLEY_VISITOR_TOKEN_TTL, 30 days
  staffSessionTtlSec: number; // PARLEY_STAFF_SESSION_TTL, 7 days
  /** Seconds of clock skew accepted on JWT exp/nbf (PARLEY_JWT_CLOCK_TOLERANCE), 30. */
  jwtClockToleranceSec: number;
  /** Seed a demo site + admin on an empty database (PARLEY_DEMO, on by default for npm start). */
  demo: boolean;
  /** Max time to finish in-flight work on SIGTERM before exiting (PARLEY_SHUTDOWN_MS). */
  shutdownMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'; // PARLEY_LOG_LEVEL
  /**
   * Behind a reverse proxy: take the client IP from the last X-Forwarded-For entry (the one the proxy
   * added) instead of the socket (PARLEY_TRUST_PROXY=1). Per-IP limits need it, or every client is the proxy.
   */
  trustProxy: boolean;
  /**
   * Scale-out. PostgreSQL instead of SQLite when set (PARLEY_DATABASE_URL, postgres://...); several
   * Parley processes then share one database. Unset (default): the SQLite file at dbFile.
   */
  databaseUrl: string | null;
  /** PostgreSQL schema holding Parley's tables (PARLEY_DATABASE_SCHEMA), 'parley'. */
  databaseSchema: string;
  /** Redis bus and cross-process presence when set (PARLEY_REDIS_URL, redis://...). Unset: the in-process bus. */
  redisUrl: string | null;
  /** Prefix of every Redis channel and key (PARLEY_REDIS_PREFIX), 'parley:'; deployments sharing one Redis pick different ones. */
  redisPrefix: string;
  /** A process that stops refreshing its presence entries for this long counts as gone (PARLEY_PRESENCE_TTL_MS), 15 s. */
  presenceTtlMs: number;
  /**
   * With Redis: how long a live event waits for a lower seq of its conversation that another process
   * committed first but published later (PARLEY_REORDER_WAIT_MS), 100 ms. Only events behind a gap wait.
   */
  reorderWaitMs: number;
  /**
   * Unread counts are pushed to an agent at most once per this many ms, and only when they changed
   * (PARLEY_UNREAD_PUSH_MS), 100: a burst of visitor messages costs one push, not one per message.
   */
  unreadPushMs: number;
  /**
   * A visitor counts as online this long after their last socket closed (PARLEY_VISITOR_OFFLINE_GRACE_MS),
   * 3,000: a page change, reload or reconnect within it shows staff no offline/online flicker.
   */
  visitorOfflineGraceMs: number;
  /** An upload no message carries is deleted once it is this old (PARLEY_UNSENT_ATTACHMENT_MAX_AGE_MS), 24 h. */
  unsentAttachmentMaxAgeMs: number;
  /** How often such uploads are looked for (PARLEY_ATTACHMENT_SWEEP_MS), 15 min; 0 = never. */
  attachmentSweepMs: number;
  limits: Limits;
  /** Server-only limits (not sent to clients in the hello ack). */
  serverLimits: ServerLimits;
}

/** Limits the server enforces that clients do not need to know up front. docs/deploy.md lists them with the others. */
export interface ServerLimits {
  /** REST writes (send, upload, visitor session, staff login) per principal or IP: token bucket size (PARLEY_REST_RATE_BURST). */
  restRateBurst: number;
  /** ... refilled per second (PARLEY_REST_RATE_PER_SEC). */
  restRatePerSec: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { restRateBurst: 60, restRatePerSec: 10 };

type Env = Record<string, string | undefined>;

const int = (env: Env, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return Math.floor(n);
};

/** Overrides for tests and embedders; the limit groups may be given in part. */
export type ConfigOverrides = Partial<Omit<Config, 'limits' | 'serverLimits'>> & { limits?: Partial<Limits>; serverLimits?: Partial<ServerLimits> };

export function loadConfig(env: Env = process.env, overrides: ConfigOverrides = {}): Config {
  const dataDir = resolve(env.PARLEY_DATA_DIR || './data');
  const L = DEFAULT_LIMITS;
  const limits: Limits = {
    maxFrameBytes: int(env, 'PARLEY_MAX_FRAME_BYTES', L.maxFrameBytes),
    maxTextLength: int(env, 'PARLEY_MAX_TEXT_LENGTH', L.maxTextLength),
    rateBurst: int(env, 'PARLEY_RATE_BURST', L.rateBurst),
    ratePerSec: int(env, 'PARLEY_RATE_PER_SEC', L.ratePerSec),
    maxConnectionsPerIp: int(env, 'PARLEY_MAX_CONN_PER_IP', L.maxConnectionsPerIp),
    maxBufferedBytes: int(env, 'PARLEY_MAX_BUFFERED_BYTES', L.maxBufferedBytes),
    maxUploadBytes: int(env, 'PARLEY_MAX_UPLOAD_BYTES', L.maxUploadBytes),
    maxAttachmentsPerMessage: int(env, 'PARLEY_MAX_ATTACHMENTS', L.maxAttachmentsPerMessage),
    maxBodyBytes: int(env, 'PARLEY_MAX_BODY_BYTES', L.maxBodyBytes),
    maxPageSize: int(env, 'PARLEY_MAX_PAGE_SIZE', L.maxPageSize),
    helloTimeoutMs: int(env, 'PARLEY_HELLO_TIMEOUT_MS', L.helloTimeoutMs),
    heartbeatMs: int(env, 'PARLEY_HEARTBEAT_MS', L.heartbeatMs),
    typingTtlMs: int(env, 'PARLEY_TYPING_TTL_MS', L.typingTtlMs),
    resumeMaxEvents: int(env, 'PARLEY_RESUME_MAX_EVENTS', L.resumeMaxEvents),
  };
  const config: Config = {
    port: int(env, 'PARLEY_PORT', 8787),
    listenBacklog: int(env, 'PARLEY_LISTEN_BACKLOG', 4096),
    host: env.PARLEY_HOST || '0.0.0.0',
    publicUrl: env.PARLEY_PUBLIC_URL || null,
    dataDir,
    dbFile: env.PARLEY_DB_FILE ? resolve(env.PARLEY_DB_FILE) : join(dataDir, 'parley.db'),
    secret: env.PARLEY_SECRET || null,
    dashboardOrigins: (env.PARLEY_DASHBOARD_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
    visitorTokenTtlSec: int(env, 'PARLEY_VISITOR_TOKEN_TTL', 30 * 24 * 3600),
    staffSessionTtlSec: int(env, 'PARLEY_STAFF_SESSION_TTL', 7 * 24 * 3600),
    jwtClockToleranceSec: int(env, 'PARLEY_JWT_CLOCK_TOLERANCE', 30),
    demo: env.PARLEY_DEMO !== '0',
    shutdownMs: int(env, 'PARLEY_SHUTDOWN_MS', 10_000),
    logLevel: (env.PARLEY_LOG_LEVEL as Config['logLevel']) || 'info',
    trustProxy: env.PARLEY_TRUST_PROXY === '1' || env.PARLEY_TRUST_PROXY === 'true',
    databaseUrl: env.PARLEY_DATABASE_URL || null,
    databaseSchema: env.PARLEY_DATABASE_SCHEMA || 'parley',
    redisUrl: env.PARLEY_REDIS_URL || null,
    redisPrefix: env.PARLEY_REDIS_PREFIX || 'parley:',
    presenceTtlMs: int(env, 'PARLEY_PRESENCE_TTL_MS', 15_000),
    reorderWaitMs: int(env, 'PARLEY_REORDER_WAIT_MS', 100),
    unreadPushMs: int(env, 'PARLEY_UNREAD_PUSH_MS', 100),
    visitorOfflineGraceMs: int(env, 'PARLEY_VISITOR_OFFLINE_GRACE_MS', 3_000),
    unsentAttachmentMaxAgeMs: int(env, 'PARLEY_UNSENT_ATTACHMENT_MAX_AGE_MS', 24 * 3600 * 1000),
    attachmentSweepMs: int(env, 'PARLEY_ATTACHMENT_SWEEP_MS', 15 * 60 * 1000),
    limits,
    serverLimits: {
      restRateBurst: int(env, 'PARLEY_REST_RATE_BURST', DEFAULT_SERVER_LIMITS.restRateBurst),
      restRatePerSec: int(env, 'PARLEY_REST_RATE_PER_SEC', DEFAULT_SERVER_LIMITS.restRatePerSec),
    },
  };
  return {
    ...config,
    ...overrides,
    limits: { ...limits, ...(overrides.limits ?? {}) },
    serverLimits: { ...config.serverLimits, ...(overrides.serverLimits ?? {}) },
  };
}
