import { createTokenBuckets, type TokenBuckets } from './token-buckets.ts';

/**
 * Rate limits keyed by who is asking (a visitor, a staff member, an IP, a site), shared by every
 * connection and request of that key: a visitor with 50 sockets has one budget, not 50. In one
 * process the buckets live in memory (this file); with Redis they live there, so the budget holds
 * across processes too (server/scale/redis-throttle.ts).
 */
export interface Throttle {
  /** Takes one token from `key`'s bucket of `rule`. */
  take(key: string, rule: ThrottleRule): Promise<ThrottleVerdict>;
  /** take() without a promise, where the buckets are in this process; absent where they are not (Redis). */
  takeNow?(key: string, rule: ThrottleRule): ThrottleVerdict;
  close(): Promise<void>;
}

export interface ThrottleRule {
  /** Names the bucket family (keys of different rules never share a bucket). */
  name: string;
  burst: number;
  perSec: number;
}

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSec: number };

export function createLocalThrottle(now: () => number = Date.now): Throttle & Required<Pick<Throttle, 'takeNow'>> {
  /** Buckets by the rule's name and numbers: two equal rules (objects made apart) share them. */
  const families = new Map<string, TokenBuckets>();
  /**
   * Each rule object's buckets, found without building its id again: the hot rules are made once (the
   * session's per server, REST's per route), so after a rule's first take this is one lookup.
   */
  const byRule = new WeakMap<ThrottleRule, TokenBuckets>();
  const bucketsOf = (rule: ThrottleRule): TokenBuckets => {
    let buckets = byRule.get(rule);
    if (buckets) return buckets;
    const id = `${rule.name}|${rule.burst}|${rule.perSec}`;
    buckets = families.get(id);
    if (!buckets) families.set(id, (buckets = createTokenBuckets({ burst: rule.burst, perSec: rule.perSec, now })));
    byRule.set(rule, buckets);
    return buckets;
  };
  const takeNow = (key: string, rule: ThrottleRule): ThrottleVerdict => bucketsOf(rule).take(key);
  return {
    takeNow,
    take: async (key, rule) => takeNow(key, rule),
    close: async () => {},
  };
}

/** "try again in N seconds." */
export const retryIn = (sec: number): string => `try again in ${sec} second${sec === 1 ? '' : 's'}`;
