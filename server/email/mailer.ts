import nodemailer from 'nodemailer';

/**
 * Sending one email over SMTP (nodemailer). The outbox decides when and how often; this only sends
 * and says whether a failure is worth retrying.
 */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered), smtps://host:465 (TLS from the start). */
  url: string;
  /** Connect, greeting and idle socket timeouts: kept well under the outbox lease (see outbox-sender.ts). */
  timeoutMs: number;
}

/** Headers nodemailer sets from its own fields; given as plain headers they would be written twice. */
const FIELDS: Record<string, 'from' | 'messageId' | 'inReplyTo' | 'references' | 'replyTo'> = {
  from: 'from',
  'message-id': 'messageId',
  'in-reply-to': 'inReplyTo',
  references: 'references',
  'reply-to': 'replyTo',
};

export function createSmtpMailer(opts: SmtpMailerOptions): Mailer {
  // One connection per email (no pool): the outbox sends a few at a time, and a fresh connection
  // after an error is what the next attempt wants anyway.
  const transport = nodemailer.createTransport(opts.url, {
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  } as object);
  return {
    async send(email) {
      const fields: Record<string, string> = {};
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(email.headers)) {
        const field = FIELDS[name.toLowerCase()];
        if (field) fields[field] = value;
        else headers[name] = value;
      }
      await transport.sendMail({ from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html, headers, ...fields });
    },
    close: () => transport.close(),
  };
}
