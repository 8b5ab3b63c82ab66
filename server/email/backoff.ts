/**
 * When an email that failed to send is tried again: `base` after the first attempt, doubling for
 * each next one, at most an hour. No jitter: each email has its own schedule already (they fail at
 * different times), so retries do not arrive at the mail server in a herd.
 */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
