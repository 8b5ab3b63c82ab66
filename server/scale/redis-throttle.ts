import { Redis } from 'ioredis';
import { createLocalThrottle, type Throttle } from '../net/throttle.ts';

/**
 * The throttle's buckets in Redis, so one visitor's or staff member's budget holds across every
 * process. One round trip per take: a token bucket updated atomically by a script, on Redis's clock
 * (processes' clocks may disagree). While Redis is unreachable each process falls back to its own
 * buckets: limits then hold per process, and nothing is refused because Redis is down.
 */
const TAKE = `
local burst = tonumber(ARGV[1])
local perSec = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) / 1000 * perSec)
local ok = 0
if tokens >= 1 then tokens = tokens - 1; ok = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
local full = perSec > 0 and math.ceil(burst / perSec * 1000) or 3600000
redis.call('PEXPIRE', KEYS[1], full + 1000)
if ok == 1 then return 0 end
if perSec <= 0 then return 60 end
return math.max(1, math.ceil((1 - tokens) / perSec))
`;

export async function createRedisThrottle(opts: { url: string; prefix: string; onError?: (err: unknown) => void }): Promise<Throttle> {
  // Auto-pipelined: the takes of one event-loop turn (one per command) leave in one write, not one syscall each.
  const redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true });
  redis.on('error', () => {}); // reported per failed take; ioredis keeps reconnecting
  redis.defineCommand('parleyTake', { numberOfKeys: 1, lua: TAKE });
  await redis.connect();
  const local = createLocalThrottle();
  let failing = false;
  const take = (redis as unknown as { parleyTake(key: string, burst: number, perSec: number): Promise<number> }).parleyTake.bind(redis);
  return {
    async take(key, rule) {
      try {
        const retryAfterSec = await take(`${opts.prefix}throttle:${rule.name}:${key}`, rule.burst, rule.perSec);
        failing = false;
        return retryAfterSec === 0 ? { ok: true } : { ok: false, retryAfterSec };
      } catch (err) {
        // Said once per outage, not once per command.
        if (!failing) opts.onError?.(err);
        failing = true;
        return local.takeNow(key, rule);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
