import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createAttachmentStorage } from '../attachments/storage.ts';
import { createLinkSigner } from '../auth/link-signer.ts';
import { createProofOfWork } from '../auth/proof-of-work.ts';
import { silentLogger } from '../log.ts';
import { DIST_DIR } from '../paths.ts';
import { allowedHosts } from './allowed-hosts.ts';
import { cors } from './cors.ts';
import { jsonOnly } from './json-only.ts';
import { createApiTokenAuth } from './api-token-auth.ts';
import { createWriteLimiter, requestIp } from './rate-limit.ts';
import { whoOf } from './security-log.ts';
import type { App, AppEnv, HttpDeps, RouteDeps } from './env.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { registerAccount } from './routes/account.ts';
import { registerAdmin } from './routes/admin.ts';
import { registerApiTokens } from './routes/api-tokens.ts';
import { registerWebhooks } from './routes/webhooks.ts';
import { registerNotifications } from './routes/notifications.ts';
import { registerTeam } from './routes/team.ts';
import { registerTeams } from './routes/teams.ts';
import { registerAttachments } from './routes/attachments.ts';
import { registerBlocks } from './routes/blocks.ts';
import { registerCanned } from './routes/canned.ts';
import { registerConversations } from './routes/conversations.ts';
import { registerReports } from './routes/reports.ts';
import { registerEmail } from './routes/email.ts';
import { registerHealth } from './routes/health.ts';
import { registerMessages } from './routes/messages.ts';
import { registerOpenApi } from './routes/openapi.ts';
import { countRequest, registerMetrics } from './routes/metrics.ts';
import { registerPresence } from './routes/presence.ts';
import { registerRealtimeStream } from './routes/realtime-stream.ts';
import { registerSearch } from './routes/search.ts';
import { registerStaffAuth } from './routes/staff-auth.ts';
import { registerVisitorSession } from './routes/visitor-session.ts';
import { registerVisitors } from './routes/visitors.ts';
import { registerPrivacy } from './routes/privacy.ts';
import { registerErasureRequests } from './routes/erasure-requests.ts';
import { registerStatic } from './static.ts';

/**
 * The HTTP side of Parley: every REST route of protocol/rest.ts, uploads, admin, health and the
 * built UIs. Routes only parse, authenticate and call the Domain; the Domain authorizes.
 */
export function createHttpApp(deps: HttpDeps): App {
  const d: RouteDeps = {
    ...deps,
    log: deps.log ?? silentLogger,
    attachmentStorage: deps.attachmentStorage ?? createAttachmentStorage(deps.config.dataDir),
    linkSigner: deps.linkSigner ?? createLinkSigner(randomBytes(32).toString('base64url')),
    proofOfWork: deps.proofOfWork ?? createProofOfWork(randomBytes(32).toString('base64url'), deps.now ?? Date.now),
    writeLimit: createWriteLimiter(deps.config, deps.now, deps.metrics, deps.throttle, (c, kind) =>
      (deps.log ?? silentLogger).warn('security: rate limited', { event: 'limit', limit: `rest-${kind}`, requestId: c.get('requestId'), ip: requestIp(c, deps.config), who: whoOf(c) }),
    ),
    apiTokenAuth: createApiTokenAuth({ store: deps.store, config: deps.config, now: deps.now, metrics: deps.metrics }),
  };
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(d.log, (c) => requestIp(c, d.config)));
  app.notFound(notFoundHandler);

  app.use('*', async (c, next) => {
    // A caller's id is kept only when it is a plain token, so it cannot smuggle anything into logs or headers.
    const given = c.req.header('x-request-id');
    const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomBytes(8).toString('hex');
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    // The path only: query strings may carry an attachment link's signature.
    d.log.debug('request', { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms) });
    if (d.metrics) countRequest(d.metrics, c, ms);
  });
  app.use('*', allowedHosts(d.config));
  app.use('/api/*', cors(d.config));
  app.use('/api/*', jsonOnly());
  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  registerHealth(app, d);
  registerMetrics(app, d);
  registerVisitorSession(app, d);
  registerStaffAuth(app, d);
  registerConversations(app, d);
  registerReports(app, d);
  registerMessages(app, d);
  registerPresence(app, d);
  registerRealtimeStream(app, d);
  registerAttachments(app, d);
  registerSearch(app, d);
  registerCanned(app, d);
  registerVisitors(app, d);
  registerBlocks(app, d);
  registerPrivacy(app, d);
  registerErasureRequests(app, d);
  registerAdmin(app, d);
  registerTeam(app, d);
  registerTeams(app, d);
  registerAccount(app, d);
  registerEmail(app, d);
  registerApiTokens(app, d);
  registerWebhooks(app, d);
  registerNotifications(app, d);
  registerOpenApi(app);
  registerStatic(app, deps.distDir ?? DIST_DIR);
  return app;
}

export type { HttpDeps } from './env.ts';
