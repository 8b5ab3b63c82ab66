import { after, before } from 'node:test';
import nodemailer from 'nodemailer';
import type { Conversation } from '../../../protocol/index.ts';
import type { Timers } from '../../domain/domain.ts';
import { createTestSite, startTestServer, staffClient, visitorClient, type TestClient, type TestServer, type TestSite } from '../../realtime/test-helpers.ts';
import type { ConfigOverrides, EmailConfig } from '../../config.ts';
import { startSmtpSink, type ReceivedEmail, type SmtpSink } from './smtp-sink.ts';

/**
 * A real server with email on, its outgoing SMTP pointed at a real smtp-server sink, the inbound SMTP
 * listener on a free port, and a clock the test moves. The email loop's timer never fires by itself:
 * tests call `tick()`, so "not yet due" and "due" are decided by the clock, never by waiting.
 */
export const DELAY_MS = 180_000;
export const SHOP = 'https://shop.example';

export interface EmailWorld {
  ts: TestServer;
  sink: SmtpSink;
  a: TestSite;
  clock: { t: number };
  tick(): Promise<void>;
  /** A visitor who left `email` (typed in), on a page of the site, with one message sent: their socket and conversation. */
  visitor(email: string, opts?: { language?: string }): Promise<{ ws: TestClient; token: string; visitorId: string; conversation: Conversation }>;
  staff(): Promise<TestClient>;
  /** Sends raw MIME to the inbound SMTP listener, as a mail server would. */
  deliver(raw: Buffer | string, to: string): Promise<void>;
  /** Emails the sink got for `to`. */
  mailTo(to: string): ReceivedEmail[];
}

const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => {} };

export function useEmailWorld(email: Partial<EmailConfig> = {}, overrides: ConfigOverrides = {}): EmailWorld {
  const world = { clock: { t: 1_800_000_000_000 } } as EmailWorld;
  const cleanups: (() => Promise<unknown>)[] = [];
  before(async () => {
    world.sink = await startSmtpSink();
    cleanups.push(() => world.sink.stop());
    world.ts = await startTestServer(
      {
        ...overrides,
        email: {
          smtpUrl: world.sink.url,
          from: 'Parley <support@acme.test>',
          replyDomain: 'reply.acme.test',
          delayMs: DELAY_MS,
          inboundPort: 0,
          inboundHost: '127.0.0.1',
          ...email,
        },
      },
      { now: () => world.clock.t, emailTimers: noTimers },
    );
    cleanups.push(() => world.ts.stop());
    world.a = await createTestSite(world.ts, { origins: [SHOP] });
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  });

  world.tick = () => world.ts.server.email.tick();
  world.staff = () => staffClient(world.ts, world.a.staffToken);
  world.visitor = async (address, opts = {}) => {
    const context = { url: `${SHOP}/help/stoves?ref=chat`, language: opts.language ?? 'en-GB', timezone: 'Europe/London' };
    const session = await world.ts.server.auth.openVisitorSession({ siteKey: world.a.site.key, context }, SHOP);
    const ws = await visitorClient(world.ts, world.a.site, session.visitorToken, { conversations: {} });
    await ws.call('context.update', { context: { ...context, email: address } });
    const ack = await ws.call('message.send', { clientId: `q-${address}`, text: 'My stove does not light. Can you help?' });
    const conversation = (await world.ts.server.store.getConversation(ack.conversationId))!;
    return { ws, token: session.visitorToken, visitorId: session.visitor.id, conversation };
  };
  world.deliver = async (raw, to) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: world.ts.server.email.inboundPort!, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: 'someone@mail.example', to: [to] }, raw });
    } finally {
      transport.close();
    }
  };
  world.mailTo = (to) => world.sink.received.filter((e) => e.envelope.to.includes(to));
  return world;
}
