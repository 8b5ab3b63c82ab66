/**
 * Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): delay = random() * min(cap, base * 2^attempt). Full jitter spreads a crowd of clients
 * reconnecting after a server restart evenly over the window instead of in synchronized waves.
 * There is no attempt limit: a chat page keeps trying while it is open.
 */
export interface Backoff {
  /** The delay before the next attempt; counts the attempt. */
  next(): number;
  /** Forget past failures (call once a connection has stayed up). */
  reset(): void;
  readonly attempt: number;
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random: () => number;
}

/** Past this exponent the ceiling is the cap anyway; keeps 2^attempt finite. */
const MAX_EXPONENT = 30;

export function backoffCeiling(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(attempt, MAX_EXPONENT));
}

export function createBackoff({ baseMs, capMs, random }: BackoffOptions): Backoff {
  let attempt = 0;
  return {
    next() {
      const ceiling = backoffCeiling(attempt, baseMs, capMs);
      attempt = Math.min(attempt + 1, MAX_EXPONENT);
      return Math.floor(random() * ceiling);
    },
    reset() {
      attempt = 0;
    },
    get attempt() {
      return attempt;
    },
  };
}
