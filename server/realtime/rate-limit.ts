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
  return new TokenBucket(opts);
}

/** A class, not a closure: one per socket, so its few fields are all an idle socket pays for. */
class TokenBucket implements RateLimiter {
  private readonly now: () => number;
  private readonly burst: number;
  private readonly perSec: number;
  private readonly strikesToFlood: number;
  private tokens: number;
  private last: number;
  private strikes = 0;

  constructor(opts: RateLimiterOptions) {
    this.now = opts.now ?? Date.now;
    this.burst = Math.max(1, opts.burst);
    this.perSec = opts.perSec;
    this.strikesToFlood = opts.floodStrikes ?? Math.max(5, this.burst);
    this.tokens = this.burst;
    this.last = this.now();
  }

  take(): 'ok' | 'limited' | 'flood' {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSec);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.strikes = 0;
      return 'ok';
    }
    this.strikes += 1;
    return this.strikes >= this.strikesToFlood ? 'flood' : 'limited';
  }
}
