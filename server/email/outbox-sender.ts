import type { Logger } from '../log.ts';
import type { OutboxEmail, OutboxOutcome } from '../store/email-records.ts';
import type { Store } from '../store/store.ts';
import { retryDelayMs } from './backoff.ts';
import type { Mailer } from './mailer.ts';
import { describeFailure, isPermanentFailure } from './smtp-errors.ts';

/**
 * Sends what the outbox holds. Each run claims the emails that are due (with a lease, so another
 * process never sends the same one at the same time) and sends them one after another, recording each
 * outcome: sent; queued again after a backoff on a failure worth retrying; failed after a permanent
 * SMTP answer or the last attempt.
 *
 * Exactly once, as far as SMTP allows: an email is claimed before it is sent and marked sent right
 * after the server accepts it. A crash before the server accepted it (the kill -9 test) leaves it
 * claimed; once the lease runs out it is sent by the next run, once. A crash in the moment between the
 * server's acceptance and the mark sends it again: the same bytes and Message-ID, which mail
 * clients show once. The lease must outlast a send: the mailer's timeouts are a fraction of it.
 */
export interface OutboxSenderDeps {
  store: Store;
  mailer: Mailer;
  from: string;
  /** Who claims: one id per process. */
  owner: string;
  now: () => number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  log: Logger;
  /** Emails claimed per run. */
  batch?: number;
}

export interface OutboxSender {
  /** Sends every email that is due now; answers how many were attempted. */
  run(): Promise<number>;
}

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const batch = deps.batch ?? 20;

  async function attempt(email: OutboxEmail): Promise<OutboxOutcome> {
    try {
      await deps.mailer.send({ from: deps.from, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: email.headers });
      return { status: 'sent', at: deps.now() };
    } catch (err) {
      const error = describeFailure(err);
      if (isPermanentFailure(err) || email.attempts >= deps.maxAttempts) return { status: 'failed', error, at: deps.now() };
      return { status: 'queued', retryAt: deps.now() + retryDelayMs(email.attempts, deps.retryBaseMs), error };
    }
  }

  return {
    async run() {
      let attempted = 0;
      for (;;) {
        const claimed = await deps.store.claimOutbox({ owner: deps.owner, now: deps.now(), leaseMs: deps.leaseMs, limit: batch });
        for (const email of claimed) {
          const outcome = await attempt(email);
          const kept = await deps.store.settleOutbox({ id: email.id, owner: deps.owner, outcome });
          const fields = { emailId: email.id, kind: email.kind, attempt: email.attempts, status: outcome.status };
          if (!kept) deps.log.warn('email lease lost while sending', fields);
          else if (outcome.status === 'sent') deps.log.info('email sent', fields);
          else deps.log.warn('email not sent', { ...fields, error: outcome.error });
        }
        attempted += claimed.length;
        if (claimed.length < batch) return attempted;
      }
    },
  };
}
