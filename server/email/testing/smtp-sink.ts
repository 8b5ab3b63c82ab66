import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process (smtp-server), the sink outgoing email lands in. It can
 * refuse (4xx/5xx), stall the greeting (a sender that crashes mid-send), be stopped (mail server
 * down) and started again on the same port.
 */
export interface ReceivedEmail {
  raw: Buffer;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly received: ReceivedEmail[];
  /** Resolves with the first received email (now or later) that matches. */
  waitFor(match: (e: ReceivedEmail) => boolean, what?: string): Promise<ReceivedEmail>;
  /** The next `n` connections are answered with this SMTP code (421: try later, 550: refused). */
  refuse(n: number, code: number): void;
  /** RCPT TO this address is answered with this code (550: no such mailbox), until cleared with 0. */
  refuseRecipient(address: string, code: number): void;
  /** New connections get no greeting until release(); resolves `stalled` when one arrives. */
  stall(): { stalled: Promise<void>; release(): void };
  /** How many connections were opened (refused and stalled ones included). */
  readonly connections: number;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  const waiters: { match: (e: ReceivedEmail) => boolean; resolve: (e: ReceivedEmail) => void }[] = [];
  let refusals: { left: number; code: number } = { left: 0, code: 0 };
  let stalled: { arrived: () => void; released: Promise<void> } | null = null;
  let connections = 0;
  const refusedRecipients = new Map<string, number>();
  let server: SMTPServer | null = null;

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200, // stop() does not wait for connections a killed sender left behind
      onConnect(_session, cb) {
        connections++;
        if (refusals.left > 0) {
          refusals.left--;
          return cb(Object.assign(new Error('Not now'), { responseCode: refusals.code }));
        }
        if (stalled) {
          const s = stalled;
          s.arrived();
          return void s.released.then(() => cb());
        }
        cb();
      },
      onRcptTo(address, _session, cb) {
        const code = refusedRecipients.get(address.address.toLowerCase());
        if (code) return cb(Object.assign(new Error('No such mailbox'), { responseCode: code }));
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks);
          const email: ReceivedEmail = {
            raw,
            parsed: await simpleParser(raw),
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          };
          received.push(email);
          for (const w of [...waiters]) {
            if (w.match(email)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(email);
            }
          }
          cb();
        });
      },
    });

  const listen = async (p: number) => {
    server = make();
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(p, '127.0.0.1', () => resolve());
    });
    return (server!.server.address() as AddressInfo).port;
  };
  const actual = await listen(port);

  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    received,
    get connections() {
      return connections;
    },
    waitFor(match) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    refuseRecipient(address, code) {
      if (code) refusedRecipients.set(address.toLowerCase(), code);
      else refusedRecipients.delete(address.toLowerCase());
    },
    refuse(n, code) {
      refusals = { left: n, code };
    },
    stall() {
      let release!: () => void;
      let arrived!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const seen = new Promise<void>((r) => (arrived = r));
      stalled = { arrived, released };
      return {
        stalled: seen,
        release: () => {
          stalled = null;
          release();
        },
      };
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async start() {
      if (!server) await listen(actual);
    },
  };
}
