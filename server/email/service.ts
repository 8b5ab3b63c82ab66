import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EmailStatus, OutboxItem, Page, StaffEmailPreferences, TranscriptResponse } from '../../protocol/index.ts';
import { Routes } from '../../protocol/index.ts';
import type { AttachmentDeps } from '../attachments/upload.ts';
import type { Config } from '../config.ts';
import type { Domain, Timers } from '../domain/domain.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import { createLogFollower } from '../eventlog/follower.ts';
import type { Logger } from '../log.ts';
import { createLocalThrottle, type Throttle } from '../net/throttle.ts';
import type { OutboxStatus } from '../store/email-records.ts';
import type { Store } from '../store/store.ts';
import * as admin from './admin.ts';
import type { EmailContext } from './context.ts';
import type { ReceiveResult } from './inbound/receive.ts';
import type { SmtpListener } from './inbound/smtp-listener.ts';
import { emailOffReason } from './enabled.ts';
import { createEmailKeys } from './keys.ts';
import { addressOf, createEmailLinks } from './links.ts';
import type { Mailer } from './mailer.ts';
import { notificationMarker } from './notify-events.ts';
import { createNotifier } from './notifier.ts';
import { createOutboxSender, type OutboxSender } from './outbox-sender.ts';
import { confirmTranscript, requestTranscript, transcriptAsk } from './transcript.ts';
import { setOptOut } from './opt-out.ts';

/**
 * Email, wired: every process runs the same loop every pollMs (follow the event log into notification
 * state, decide what is due, send what the outbox holds, now and then purge old emails), and the
 * leases in the store make each step happen once however many processes run it. Off (every sending
 * use case answers email_not_configured) while PARLEY_SMTP_URL or PARLEY_EMAIL_FROM is unset; the
 * unsubscribe links of earlier emails keep working. The mail libraries (nodemailer, smtp-server,
 * mailparser: some 35 MB of RSS) are loaded only when email is on.
 */
export interface EmailService {
  readonly enabled: boolean;
  status(): EmailStatus;
  /** One round of the loop, now (tests call it with their own clock; the timer calls it every pollMs). */
  tick(): Promise<void>;
  receive(raw: Buffer, recipients?: string[]): Promise<ReceiveResult>;
  requestTranscript(p: Principal, conversationId: string): Promise<TranscriptResponse>;
  listOutbox(p: Principal, q: { status?: OutboxStatus; cursor?: string | null; limit: number }): Promise<Page<OutboxItem>>;
  retryOutbox(p: Principal, id: string): Promise<void>;
  preferences(p: Principal): Promise<StaffEmailPreferences>;
  setPreferences(p: Principal, notifyUnseen: boolean): Promise<void>;
  unsubscribeTarget(token: string): ReturnType<typeof admin.unsubscribeTarget>;
  setUnsubscribed(token: string, optedOut: boolean): Promise<boolean>;
  /** A transcript confirmation link's site, address and language (null when not valid), and its answer (transcript.ts). */
  transcriptAsk(token: string): Promise<{ siteName: string; email: string; language?: string } | null>;
  confirmTranscript(token: string, action: 'send' | 'decline'): Promise<{ siteName: string; email: string; language?: string; outcome: 'sent' | 'declined' } | null>;
  /** Starts the inbound SMTP listener (when configured) and the loop's timer. */
  start(): Promise<void>;
  /** The inbound listener's port once started (null without one). */
  readonly inboundPort: number | null;
  /** Stops the timer and the listener and waits for a running round. */
  close(): Promise<void>;
}

export interface EmailServiceDeps {
  store: Store;
  domain: Domain;
  config: Config;
  secret: string;
  /** The server's public base URL (links in emails). */
  baseUrl: () => string;
  attachments: AttachmentDeps;
  now: () => number;
  timers: Timers;
  log: Logger;
  /** Where the transcript quotas count (the server's throttle: Redis when configured). */
  throttle?: Throttle;
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

export function createEmailService(deps: EmailServiceDeps): EmailService {
  const cfg = deps.config.email;
  const fromAddress = cfg.from ? addressOf(cfg.from) : null;
  const reason = emailOffReason(cfg) ?? undefined;
  const enabled = !reason;
  const replyDomain = cfg.replyDomain ?? fromAddress?.split('@')[1] ?? 'localhost';
  const keys = createEmailKeys(deps.secret);
  const ctx: EmailContext = {
    store: deps.store,
    config: cfg,
    limits: deps.config.limits,
    keys,
    links: createEmailLinks(deps.baseUrl),
    fromAddress: fromAddress ?? 'parley@localhost',
    replyDomain,
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    now: deps.now,
    log: deps.log,
    throttle: deps.throttle ?? createLocalThrottle(deps.now),
    quotas: deps.config.serverLimits,
  };
  let mailer: Mailer | null = null;
  let sender: OutboxSender | null = null;
  const follower = createLogFollower({ name: 'email', store: deps.store, owner: ctx.owner, now: deps.now, leaseMs: cfg.leaseMs, handle: notificationMarker(deps.store, cfg.delayMs, deps.now) });
  const notifier = createNotifier(ctx);
  const receiveDeps = { ctx, domain: deps.domain, attachments: deps.attachments };
  const receive = async (raw: Buffer, recipients?: string[]) => (await import('./inbound/receive.ts')).receiveEmail(receiveDeps, raw, recipients);
  const requireEnabled = () => enabled || fail('email_not_configured', `This server sends no email: ${reason}`);

  let running: Promise<void> | null = null;
  let lastPurge = 0;
  let timer: unknown = null;
  let closed = false;
  let listener: SmtpListener | null = null;

  async function round(): Promise<void> {
    const step = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        deps.log.error('email step failed', { step: name, err });
      }
    };
    await step('follow', () => follower.poll());
    await step('notify', () => notifier.run());
    if (sender) await step('send', () => sender!.run());
    if (deps.now() - lastPurge >= PURGE_EVERY_MS) {
      lastPurge = deps.now();
      await step('purge', () => deps.store.purgeOutbox(deps.now() - cfg.keepMs, 1000));
    }
  }
  const tick = () => {
    if (!enabled) return Promise.resolve();
    running ??= round().finally(() => (running = null));
    return running;
  };
  const schedule = () => {
    if (closed || !enabled) return;
    timer = deps.timers.setTimeout(() => void tick().finally(schedule), cfg.pollMs);
  };

  return {
    enabled,
    status: () => ({
      enabled,
      ...(reason ? { reason } : {}),
      from: cfg.from,
      replyDomain: enabled ? replyDomain : null,
      delayMs: cfg.delayMs,
      inbound: { smtpPort: listener?.port ?? null, httpPath: Routes.emailInbound },
    }),
    tick,
    async receive(raw, recipients) {
      requireEnabled();
      return receive(raw, recipients);
    },
    async requestTranscript(p, conversationId) {
      requireEnabled();
      return requestTranscript(ctx, p, conversationId);
    },
    listOutbox: (p, q) => admin.listOutbox(deps.store, p, q),
    retryOutbox: (p, id) => admin.retryOutbox(deps.store, p, id, deps.now()),
    preferences: (p) => admin.staffPreferences(deps.store, p, enabled),
    setPreferences: (p, on) => admin.setStaffPreferences(deps.store, p, on, deps.now()),
    unsubscribeTarget: (token) => admin.unsubscribeTarget(deps.store, keys, token),
    async transcriptAsk(token) {
      const found = await transcriptAsk(ctx, token);
      return found ? { siteName: found.site.name, email: found.visitor.email!, language: found.visitor.context.language } : null;
    },
    async confirmTranscript(token, action) {
      requireEnabled();
      const done = await confirmTranscript(ctx, token, action);
      return done ? { siteName: done.site.name, email: done.email, language: done.language, outcome: done.outcome } : null;
    },
    async setUnsubscribed(token, optedOut) {
      const who = keys.verifyUnsubscribeToken(token);
      if (!who) return false;
      await setOptOut(deps.store, who, optedOut, deps.now());
      return true;
    },
    async start() {
      if (!enabled) return;
      const { createSmtpMailer } = await import('./mailer.ts');
      mailer = createSmtpMailer({ url: cfg.smtpUrl!, timeoutMs: Math.max(1_000, Math.floor(cfg.leaseMs / 4)) });
      sender = createOutboxSender({ store: deps.store, mailer, from: ctx.fromAddress, owner: ctx.owner, now: deps.now, leaseMs: cfg.leaseMs, maxAttempts: cfg.maxAttempts, retryBaseMs: cfg.retryBaseMs, log: deps.log });
      if (cfg.inboundPort !== null) {
        const { startSmtpListener } = await import('./inbound/smtp-listener.ts');
        listener = await startSmtpListener({
          port: cfg.inboundPort,
          host: cfg.inboundHost ?? deps.config.host,
          maxBytes: cfg.maxInboundBytes,
          maxClients: cfg.inboundMaxClients,
          isReplyAddress: (a) => keys.conversationOfReplyAddress(a) !== null,
          receive,
          log: deps.log.child({ part: 'smtp-in' }),
        });
        deps.log.info('inbound smtp listening', { port: listener.port });
      }
      schedule();
    },
    get inboundPort() {
      return listener?.port ?? null;
    },
    async close() {
      closed = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
      await listener?.close();
      await running;
      mailer?.close();
    },
  };
}
