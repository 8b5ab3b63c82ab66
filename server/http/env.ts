import type { Hono } from 'hono';
import type { Auth } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Domain } from '../domain/domain.ts';
import type { EmailService } from '../email/service.ts';
import type { WebhookService } from '../webhooks/service.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { Principal } from '../domain/principal.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/store.ts';
import type { Bus } from '../bus/bus.ts';
import type { AttachmentStorage } from '../attachments/storage.ts';
import type { WriteLimiter } from './rate-limit.ts';
import type { Throttle } from '../net/throttle.ts';
import type { LinkSigner } from '../auth/link-signer.ts';
import type { ProofOfWork } from '../auth/proof-of-work.ts';
import type { ApiTokenAuth } from './api-token-auth.ts';
import type { Streams } from '../realtime/stream/streams.ts';

/** Per-request values the middleware sets for the routes. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}

export type App = Hono<AppEnv>;

export interface HttpDeps {
  domain: Domain;
  auth: Auth;
  store: Store;
  /** For /readyz: whether the bus carries messages. */
  bus?: Pick<Bus, 'up' | 'kind'>;
  config: Config;
  log?: Logger;
  /** True once the server has begun shutting down: /readyz answers 503 so balancers drain it. */
  shuttingDown?: () => boolean;
  /** Where built UI files are (default <repo>/dist). */
  distDir?: string;
  /** Default: files under config.dataDir. */
  attachmentStorage?: AttachmentStorage;
  /** Clock for rate limits (default Date.now). */
  now?: () => number;
  /** Counted into when given; GET /metrics serves them (with PARLEY_METRICS_TOKEN). */
  metrics?: Metrics;
  /** Signs attachment download links (default: a key derived from a random secret: links then die with the process). */
  linkSigner?: LinkSigner;
  /** Proof-of-work challenges for new visitor sessions (default: a random key, this process only). */
  proofOfWork?: ProofOfWork;
  /** Rate-limit buckets (default: in memory); with Redis shared by all processes. */
  throttle?: Throttle;
  /** Email routes (transcripts, preferences, inbound, outbox); without it they answer email_not_configured. */
  email?: EmailService;
  /** Webhook routes; without it they answer unavailable. */
  webhooks?: WebhookService;
  /** The agents' notification center routes; without it they answer unavailable. */
  notifications?: NotificationService;
  /** The realtime gateway's HTTP fallback streams; without it their routes answer unavailable. */
  streams?: Pick<Streams, 'open' | 'post'>;
}

/** HttpDeps with the optional parts filled in. */
export interface RouteDeps extends HttpDeps {
  log: Logger;
  attachmentStorage: AttachmentStorage;
  linkSigner: LinkSigner;
  proofOfWork: ProofOfWork;
  /** Token buckets on REST writes (rate-limit.ts). */
  writeLimit: WriteLimiter;
  /** `Authorization: Bearer prl_…` (api-token-auth.ts). */
  apiTokenAuth: ApiTokenAuth;
}
