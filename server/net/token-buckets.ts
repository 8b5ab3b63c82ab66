/**
 * Token buckets by key (a principal or an IP): `burst` requests at once, refilled at `perSec`.
 * Memory stays bounded: past `maxKeys` buckets, the ones that have refilled completely (idle
 * clients) are dropped, and if that is not enough those with the most tokens left (see evict).
 */
export interface TokenBuckets {
  /** Takes one token; `ok: false` with the seconds until one is available. */
  take(key: string): { ok: true } | { ok: false; retryAfterSec: number };
  readonly size: number;
}

export interface TokenBucketOptions {
  burst: number;
  perSec: number;
  now?: () => number;
  maxKeys?: number;
}

export function createTokenBuckets(opts: TokenBucketOptions): TokenBuckets {
  const now = opts.now ?? Date.now;
  const burst = Math.max(1, opts.burst);
  const perSec = Math.max(0, opts.perSec);
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSec);
    b.at = t;
  };

  /**
   * Forgetting a bucket gives its key a full one again, so the ones forgiven are the least limited:
   * first those already full, then (a tenth at a time, so a spray does not sort on every take) those
   * with the most tokens left. A key someone drained (an account under attack) outlives any number of
   * fresh keys, which each still hold burst - 1; the oldest goes first among equals.
   */
  function evict(t: number): void {
    for (const [key, b] of buckets) {
      refill(b, t);
      if (b.tokens >= burst) buckets.delete(key);
    }
    if (buckets.size < maxKeys) return;
    const keep = Math.max(0, Math.floor(maxKeys * 0.9) - 1);
    const byTokens = [...buckets].sort((x, y) => y[1].tokens - x[1].tokens);
    for (const [key] of byTokens.slice(0, buckets.size - keep)) buckets.delete(key);
  }

  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) evict(t);
        b = { tokens: burst, at: t };
        buckets.set(key, b);
      }
      refill(b, t);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      const retryAfterSec = perSec > 0 ? Math.max(1, Math.ceil((1 - b.tokens) / perSec)) : 60;
      return { ok: false, retryAfterSec };
    },
    get size() {
      return buckets.size;
    },
  };
}
