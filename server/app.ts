import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createAttachmentStorage } from './attachments/storage.ts';
import { startAttachmentSweeper } from './attachments/sweeper.ts';
import { startSnoozeWaker } from './domain/snooze-waker.ts';
import { startPeriodicCheck } from './domain/periodic-check.ts';
import { createAuth, type Auth } from './auth/index.ts';
import type { Bus } from './bus/bus.ts';
import type { Config } from './config.ts';
import { createDomain, type Domain, type Timers } from './domain/domain.ts';
import { eventForVisitor } from './domain/routing.ts';
import { createFeeds, type Feeds } from './feed/feeds.ts';
import { createEmailService, type EmailService } from './email/service.ts';
import { createWebhookService, type WebhookService } from './webhooks/service.ts';
import { createNotificationService, type NotificationService } from './notifications/service.ts';
import { createLogger, type Logger } from './log.ts';
import { createHttpApp } from './http/app.ts';
import { listen } from './net/listen.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { createGateway, type Gateway, type GatewayDeps } from './realtime/gateway.ts';
import type { Store } from './store/store.ts';
import { openBus, openStore, openThrottle } from './scale/open.ts';
import type { Throttle } from './net/throttle.ts';
import { createLinkSigner } from './auth/link-signer.ts';
import { createProofOfWork } from './auth/proof-of-work.ts';

export interface ParleyServerOptions {
  config: Config;
  /**
   * Default: PostgreSQL when config.databaseUrl is set, else the SQLite store at config.dbFile
   * (either migrated here and closed by close()).
   */
  store?: Store;
  /** Default: Redis (bus + cross-process presence) when config.redisUrl is set, else the in-process bus. */
  bus?: Bus;
  log?: Logger;
  /** Default: a fresh set (GET /metrics serves it when config.metricsToken is set). */
  metrics?: Metrics;
  now?: () => number;
  /** Interval timer of the ws heartbeat; tests inject one to tick by hand. */
  heartbeatTimer?: GatewayDeps['heartbeatTimer'];
  /** Rate-limit buckets; default: in Redis when config.redisUrl is set (shared by processes), else in memory. */
  throttle?: Throttle;
  /** Timer of the email loop (every config.email.pollMs); tests inject one, or call email.tick() themselves. */
  emailTimers?: Timers;
  /** Timers of the domain's own expiries (offline grace, typing, pacing); tests observe or move them. */
  domainTimers?: Timers;
}

export interface ParleyServer {
  url: string;
  port: number;
  store: Store;
  domain: Domain;
  auth: Auth;
  bus: Bus;
  gateway: Gateway;
  /** This process's site feeds (server/feed/): committed events in cursor order, holes filled from the store. */
  feeds: Feeds;
  /** Notifications, transcripts, replies by email (server/email/); `enabled` false without SMTP. */
  email: EmailService;
  /** Webhook endpoints and deliveries (server/webhooks/): the loop follows the event log and sends. */
  webhooks: WebhookService;
  /** The agents' notification center (server/notifications/): follows the event log into each agent's notifications. */
  notifications: NotificationService;
  /** Uploads older than config.unsentAttachmentMaxAgeMs that no message carries are removed periodically; this runs it now. */
  sweepAttachments(): Promise<number>;
  /** Stop accepting, close sockets with 1001, finish in-flight commands and commits, close what we opened. */
  close(): Promise<void>;
}

/**
 * One port for everything: Hono for HTTP (routes, static widget and dashboard) and the ws gateway
 * on the same server's 'upgrade' for /ws. Tests start it on port 0 with a temp data dir.
 */
export async function createParleyServer(opts: ParleyServerOptions): Promise<ParleyServer> {
  const { config } = opts;
  const log = opts.log ?? createLogger({ level: config.logLevel });
  const now = opts.now ?? Date.now;
  const metrics = opts.metrics ?? createMetrics();
  const ownsStore = !opts.store;
  const store =
    opts.store ??
    (await openStore(config, {
      onGroupCommit: (appends, seconds) => {
        metrics.groupCommitSize.observe(appends);
        metrics.groupCommitSeconds.observe(seconds);
      },
      onBackgroundError: (err) => log.error('sqlite background work failed', { err }),
      onConnectionError: (err) => log.warn('postgres connection lost; the pool replaces it', { err }),
    }));
  const ownsBus = !opts.bus;
  let bus: Bus;
  try {
    if (ownsStore) await store.migrate();
    bus =
      opts.bus ??
      (await openBus(config, (err, where) => {
        // Redis coming (back) up is news, not a failure: every process says it once at startup.
        if (where === 'bus up') return log.info('bus connected', { where });
        metrics.busErrors.inc({ where });
        if (where === 'bus down') log.warn('bus unreachable; delivery goes on from the store', { where, err });
        else log.error('bus failed', { where, err });
      }));
  } catch (err) {
    if (ownsStore) await store.close().catch(() => {});
    throw err;
  }
  const ownsThrottle = !opts.throttle;
  const throttle = opts.throttle ?? (await openThrottle(config, now, (err) => log.warn('rate limits fell back to this process (Redis unreachable)', { err })));
  // Without a configured secret (tests), tokens live as long as this process. main.ts persists one.
  const secret = config.secret ?? randomBytes(32).toString('base64url');
  const auth = createAuth({ store, config, secret, now, log: log.child({ part: 'auth' }), throttle });
  const attachmentStorage = createAttachmentStorage(config.dataDir);
  const feeds = createFeeds({
    store,
    bus,
    forVisitor: eventForVisitor,
    gapWaitMs: config.reorderWaitMs,
    checkMs: config.feedCheckMs,
    onError: (err, where) => log.warn('site feed', { where, err }),
  });
  // Commits made here also wake this process's notification follower (created below, once the domain is).
  let kickNotifications = (): void => {};
  const domainFeeds: Feeds = {
    ...feeds,
    committed: (siteId, events) => {
      feeds.committed(siteId, events);
      kickNotifications();
    },
  };
  const domain = createDomain({
    store: metrics.countingCommits(store),
    bus,
    feeds: domainFeeds,
    config,
    now,
    timers: opts.domainTimers,
    onPublishError: (err, topic) => {
      metrics.busErrors.inc({ where: 'publish' });
      log.error('publish failed', { topic, err });
    },
    removeAttachmentFile: (path) => attachmentStorage.remove(path).catch((err) => log.warn('attachment file not removed', { path, err })),
    throttle,
    onLimit: (limit, who) => log.warn(limit === 'visitor-blocked' ? 'security: visitor blocked' : 'security: rate limited', { event: limit === 'visitor-blocked' ? 'blocked' : 'limit', limit, ...who }),
  });
  const sweeper = startAttachmentSweeper({
    store,
    removeFile: (path) => attachmentStorage.remove(path).catch((err) => log.warn('attachment file not removed', { path, err })),
    maxAgeMs: config.unsentAttachmentMaxAgeMs,
    intervalMs: config.attachmentSweepMs,
    now,
    onError: (err) => log.warn('attachment sweep failed', { err }),
  });
  const snoozes = startSnoozeWaker({ wake: () => domain.wakeSnoozed(), intervalMs: config.snoozeCheckMs, onError: (err) => log.warn('snooze wake failed', { err }) });
  // Conversations waiting too long (waiting-sweeper.ts), on the same periodic runner.
  const waiting = startPeriodicCheck({ wake: () => domain.sweepWaiting(), intervalMs: config.waitingCheckMs, onError: (err) => log.warn('waiting sweep failed', { err }) });
  const routing = startPeriodicCheck({ wake: () => domain.sweepRouting(), intervalMs: config.assignmentCheckMs, onError: (err) => log.warn('routing sweep failed', { err }) });
  // Every process sweeps; the store hands each due conversation to one of them.
  const retention = startPeriodicCheck({ wake: () => domain.sweepRetention(), intervalMs: config.retentionCheckMs, onError: (err) => log.warn('retention sweep failed', { err }) });
  let shuttingDown = false;
  let port = 0;
  const email = createEmailService({
    store,
    domain,
    config,
    secret,
    baseUrl: () => config.publicUrl ?? `http://localhost:${port}`,
    attachments: { store, storage: attachmentStorage, maxUploadBytes: config.limits.maxUploadBytes, quotas: config.serverLimits, now },
    now,
    timers: opts.emailTimers ?? unrefTimers,
    log: log.child({ part: 'email' }),
    throttle,
  });
  const webhooks = createWebhookService({ store, now, timers: opts.emailTimers ?? unrefTimers, log: log.child({ part: 'webhooks' }), config: config.webhooks });
  const notifications = createNotificationService({ store, bus, now, timers: opts.emailTimers ?? unrefTimers, log: log.child({ part: 'notifications' }), config: { pollMs: config.notifyPollMs, leaseMs: config.notifyLeaseMs, keepDays: config.notifyKeepDays } });
  kickNotifications = () => notifications.kick();
  const gateway = createGateway({ auth, store, bus, feeds, domain, config, log: log.child({ part: 'ws' }), now, heartbeatTimer: opts.heartbeatTimer, metrics, throttle });
  metrics.countConnections(() => gateway.countByRole(), () => gateway.countSessions());
  const http = createHttpApp({ domain, auth, store, bus, config, log: log.child({ part: 'http' }), shuttingDown: () => shuttingDown, now, attachmentStorage, metrics, email, webhooks, notifications, throttle, linkSigner: createLinkSigner(secret), proofOfWork: createProofOfWork(secret, now), streams: gateway.streams });

  const server = createAdaptorServer({ fetch: http.fetch, hostname: config.host }) as HttpServer;
  // Node's default (5 s) is shorter than proxies' and clients' idle timeouts: the server would close
  // idle connections they are about to reuse. headersTimeout must stay above it (Node's rule).
  server.keepAliveTimeout = config.serverLimits.httpKeepAliveMs;
  server.headersTimeout = Math.max(server.headersTimeout, config.serverLimits.httpKeepAliveMs + 1000);
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  try {
    port = await listen(server, { port: config.port, host: config.host, backlog: config.listenBacklog, setting: 'PARLEY_PORT' });
  } catch (err) {
    // Nothing is listening: undo what was opened above, so a caller that retries (tests) leaks nothing.
    await gateway.close();
    await sweeper.stop();
    await snoozes.stop();
    await retention.stop();
    await waiting.stop();
    await routing.stop();
    await domain.close();
    if (ownsThrottle) await throttle.close();
    if (ownsBus) await bus.close();
    if (ownsStore) await store.close();
    throw err;
  }
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  log.info('listening', { url });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // 1. No new connections or upgrades (idle keep-alive connections are closed as well).
      shuttingDown = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // 2. Sockets get 1001 and their in-flight commands finish.
      await gateway.close();
      // 3. In-flight HTTP requests finish (a REST send mid-commit gets its answer), each connection
      //    closing once its response is out; whatever is still open after shutdownMs is cut.
      await drainHttp(server, stopped, config.shutdownMs);
      // 4. Stop timers (the email loop finishes its round), then the bus, then the store (its close waits for pending group commits).
      await email.close();
      await webhooks.close();
      await notifications.close();
      await sweeper.stop();
      await snoozes.stop();
      await retention.stop();
      await waiting.stop();
      await routing.stop();
      await domain.close();
      await feeds.close();
      if (ownsThrottle) await throttle.close();
      if (ownsBus) await bus.close();
      if (ownsStore) await store.close();
      log.info('closed');
    })());

  try {
    await email.start(); // the inbound SMTP listener, when configured, and the email loop
    webhooks.start();
    notifications.start();
  } catch (err) {
    await close();
    throw err;
  }
  return { url, port, store, domain, auth, bus, gateway, feeds, email, webhooks, notifications, sweepAttachments: sweeper.sweep, close };
}

const unrefTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Waits for open HTTP requests to finish, closing each connection as it goes idle, for at most `ms`. */
async function drainHttp(server: HttpServer, stopped: Promise<void>, ms: number): Promise<void> {
  const sweep = setInterval(() => server.closeIdleConnections(), 25);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([stopped, deadline]);
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
  server.closeAllConnections();
  await stopped;
}
