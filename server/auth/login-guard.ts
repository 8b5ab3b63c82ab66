import type { Logger } from '../log.ts';
import { fail } from '../errors.ts';
import { createTokenBuckets } from '../net/token-buckets.ts';

/**
 * Login attempts per account, on top of the per-IP limit of the route: guesses at one account from
 * many addresses (X-Forwarded-For, a botnet) are slowed just the same. Keyed by the email as typed
 * (lowercased), known or not, so the limit itself says nothing about which emails exist. The cost: an
 * attacker can slow one person's logins to the refill rate, never guess faster. Per process, like the
 * per-IP buckets. Failures and limit hits are logged (the email, never the password).
 */
export interface LoginGuard {
  /** Throws rate_limited when this account has no attempt left. */
  attempt(email: string, requestIp?: string): void;
  failed(email: string, reason: string, requestIp?: string): void;
}

export function createLoginGuard(opts: { burst: number; perMinute: number; now: () => number; log: Logger }): LoginGuard {
  const buckets = createTokenBuckets({ burst: opts.burst, perSec: opts.perMinute / 60, now: opts.now });
  return {
    attempt(email, ip) {
      const verdict = buckets.take(email);
      if (verdict.ok) return;
      opts.log.warn('security: login limited', { event: 'limit', limit: 'login-account', email, ip, retryAfterSec: verdict.retryAfterSec });
      fail('rate_limited', `Too many sign-in attempts for this account; try again in ${verdict.retryAfterSec} seconds.`);
    },
    failed(email, reason, ip) {
      opts.log.warn('security: login failed', { event: 'invalid_credentials', email, ip, reason });
    },
  };
}
