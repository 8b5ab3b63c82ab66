/**
 * Token bucket per connection: `burst` commands at once, refilled at `perSec`. A client that keeps
 * sending while empty is flooding: after `floodStrikes` refused commands in a row (no successful
 * take between them) the caller closes the socket with 4008.
 */
export interface RateLimiter {
  /** 'ok' to proceed, 'limited' to refuse with rate_limited, 'flood' to refuse and close. */
  take(): 'ok' | 'limited' | 'flood';
}

export interface RateLimiterOptions {
  burst: number;
  perSec: number;
  /** Refusals in a row before 'flood'. Default: the burst size (at least 5). */
  floodStrikes?: number;
  now?: () => number;
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const burst = Math.max(1, opts.burst);
  const strikesToFlood = opts.floodStrikes ?? Math.max(5, burst);
  let tokens = burst;
  let last = now();
  let strikes = 0;

  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * opts.perSec);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        strikes = 0;
        return 'ok';
      }
      strikes += 1;
      return strikes >= strikesToFlood ? 'flood' : 'limited';
    },
  };
}
