import type { Logger } from '../log.ts';
import { fail } from '../errors.ts';
import { createLocalThrottle, type Throttle } from '../net/throttle.ts';

/**
 * Login attempts per account, on top of the per-IP limit of the route: guesses at one account from
 * many addresses (X-Forwarded-For, a botnet) are slowed just the same. Keyed by the email as typed
 * (lowercased), known or not, so the limit itself says nothing about which emails exist. The cost: an
 * attacker can slow one person's logins to the refill rate, never guess faster.
 *
 * The buckets are the server's throttle: with Redis (PARLEY_REDIS_URL) one budget for every process, so
 * N processes do not allow N times the guesses; each key expires once its bucket would be full again,
 * so no spray of other emails pushes it out. In memory (one process, or Redis unreachable) the buckets
 * are bounded, and when full the least limited go first (net/token-buckets.ts): a drained bucket
 * outlives thousands of fresh ones. Failures and limit hits are logged (the email, never the password).
 */
export interface LoginGuard {
  /** Throws rate_limited when this account has no attempt left. */
  attempt(email: string, requestIp?: string): Promise<void>;
  failed(email: string, reason: string, requestIp?: string): void;
}

export function createLoginGuard(opts: { burst: number; perMinute: number; now: () => number; log: Logger; throttle?: Throttle }): LoginGuard {
  const throttle = opts.throttle ?? createLocalThrottle(opts.now);
  const rule = { name: 'login-account', burst: opts.burst, perSec: opts.perMinute / 60 };
  return {
    async attempt(email, ip) {
      const verdict = await throttle.take(email, rule);
      if (verdict.ok) return;
      opts.log.warn('security: login limited', { event: 'limit', limit: 'login-account', email, ip, retryAfterSec: verdict.retryAfterSec });
      fail('rate_limited', `Too many sign-in attempts for this account; try again in ${verdict.retryAfterSec} seconds.`);
    },
    failed(email, reason, ip) {
      opts.log.warn('security: login failed', { event: 'invalid_credentials', email, ip, reason });
    },
  };
}
