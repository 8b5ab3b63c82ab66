import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { fail } from '../errors.ts';
import { clientIp } from '../net/client-ip.ts';
import { createLocalThrottle, retryIn, type Throttle, type ThrottleRule } from '../net/throttle.ts';
import type { AppEnv } from './env.ts';

/**
 * Rate limit on REST writes (config.serverLimits.restRateBurst / restRatePerSec). Each kind of write
 * has its own bucket per caller: sends and uploads per signed-in principal (a visitor or a staff
 * member), visitor sessions and staff logins per client IP (there is no principal yet). Over the
 * limit: 429 `rate_limited` with Retry-After. Reads are not limited here (they write nothing). The
 * buckets are the throttle's: with Redis one principal's or IP's budget holds across processes.
 */
export type WriteKind = 'send' | 'upload' | 'visitor-session' | 'staff-login' | 'transcript' | 'transcript-confirm' | 'email-inbound' | 'team' | 'password-link' | 'account';

export interface WriteLimiter {
  /** After requireAuth: one bucket per principal. */
  perPrincipal(kind: WriteKind): MiddlewareHandler<AppEnv>;
  /** Before authentication: one bucket per client IP. */
  perIp(kind: WriteKind): MiddlewareHandler<AppEnv>;
}

export function createWriteLimiter(config: Config, now: () => number = Date.now, metrics?: Metrics, throttle: Throttle = createLocalThrottle(now), onLimit?: (c: Context<AppEnv>, kind: WriteKind) => void): WriteLimiter {
  const { restRateBurst: burst, restRatePerSec: perSec } = config.serverLimits;

  // Made once per route (each middleware below is made at setup), not per request: the throttle then
  // finds the rule's buckets without building its id (net/throttle.ts).
  const ruleOf = (kind: WriteKind): ThrottleRule => ({ name: `rest-${kind}`, burst, perSec });
  const limit = async (c: Context<AppEnv>, kind: WriteKind, rule: ThrottleRule, key: string) => {
    const verdict = await throttle.take(key, rule);
    if (verdict.ok) return;
    metrics?.rateLimited.inc({ transport: 'rest', kind });
    onLimit?.(c, kind);
    c.header('Retry-After', String(verdict.retryAfterSec));
    fail('rate_limited', `Too many requests; ${retryIn(verdict.retryAfterSec)}.`);
  };

  return {
    perPrincipal: (kind) => {
      const rule = ruleOf(kind);
      return async (c, next) => {
        const p = c.get('principal');
        await limit(c, kind, rule, `${p.kind}|${p.kind === 'staff' ? p.staffId : p.visitorId}`);
        await next();
      };
    },
    perIp: (kind) => {
      const rule = ruleOf(kind);
      return async (c, next) => {
        await limit(c, kind, rule, `ip|${requestIp(c, config)}`);
        await next();
      };
    },
  };
}

/** The caller's IP: the socket peer under @hono/node-server (absent under app.request in tests). */
export function requestIp(c: Context, config: Config): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return clientIp(incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'), config.trustProxy);
}
