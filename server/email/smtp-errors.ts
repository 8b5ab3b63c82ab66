/** What an SMTP failure means for the outbox (nodemailer's errors carry the server's answer). */

/**
 * A failure the next attempt cannot fix: the server answered 5xx (no such mailbox, message refused).
 * Connection errors, timeouts and 4xx answers (greylisting, server busy) are worth a retry.
 */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** One line for the outbox's lastError: the SMTP answer when there is one. */
export function describeFailure(err: unknown): string {
  const e = err as { response?: string; code?: string; message?: string } | null;
  return e?.response || [e?.code, e?.message].filter(Boolean).join(': ') || String(err);
}
