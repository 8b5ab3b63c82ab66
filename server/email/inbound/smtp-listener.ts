import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ParleyError } from '../../errors.ts';
import type { Logger } from '../../log.ts';

/**
 * The inbound SMTP listener (PARLEY_SMTP_INBOUND_PORT): where replies to Parley's emails arrive,
 * from the MX of the reply domain or a relay in front of it. Recipients are checked at RCPT TO, so
 * mail to an address that is not a valid reply address is refused before its body is sent; the body
 * is limited to maxBytes (announced with SIZE, and cut off when exceeded). Refusals are permanent
 * (5xx: the sender's server bounces with our sentence); a failure on our side is temporary (451), so
 * the sending server retries later.
 */
export interface SmtpListenerOptions {
  port: number;
  host: string;
  maxBytes: number;
  /** Connections at once (PARLEY_SMTP_INBOUND_MAX_CLIENTS); more are answered 421 and closed. */
  maxClients: number;
  isReplyAddress(address: string): boolean;
  receive(raw: Buffer, recipients: string[]): Promise<unknown>;
  log: Logger;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpListener(opts: SmtpListenerOptions): Promise<SmtpListener> {
  const server = new SMTPServer({
    banner: 'Parley',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    maxClients: opts.maxClients,
    logger: false,
    socketTimeout: 60_000,
    closeTimeout: 2_000, // on shutdown, a connection still open after this is cut (its sender retries)
    onRcptTo(address, _session, cb) {
      if (opts.isReplyAddress(address.address)) cb();
      else cb(smtpError(550, '5.1.1 No such reply address here'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return cb(smtpError(552, `5.3.4 Message larger than ${opts.maxBytes} bytes`));
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        opts.receive(Buffer.concat(chunks), recipients).then(
          () => cb(),
          (err: unknown) => {
            if (err instanceof ParleyError && err.code !== 'internal' && err.code !== 'shutting_down') return cb(smtpError(550, `5.7.1 ${err.message}`));
            opts.log.error('inbound email failed', { err });
            cb(smtpError(451, '4.3.0 Could not store the message now; try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => opts.log.warn('inbound smtp error', { err }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
