import type { Principal } from '../domain/principal.ts';
import { principalKey } from '../domain/principal.ts';
import { ParleyError } from '../errors.ts';
import { retryIn, type ThrottleRule, type ThrottleVerdict } from '../net/throttle.ts';
import type { TransportKind } from './socket.ts';
import type { SessionDeps } from './connection.ts';

/** The socket a command came on, for the metric and the log line of a refusal. */
export interface CommandSource {
  readonly id: string;
  readonly ip: string | undefined;
  readonly transport: TransportKind;
}

/**
 * The budget all sockets of one visitor or staff member share (serverLimits.principalRate*): the
 * socket's own bucket stops one flooding socket, this one the same visitor or agent on 50 sockets at
 * once. Throws `rate_limited` when it is spent. Without a promise where the buckets are in this process
 * (throttle.takeNow), so a command pays no extra turn for it; with Redis, the answer is awaited.
 */
export function takeCommandBudget(deps: SessionDeps, rule: ThrottleRule, principal: Principal, source: CommandSource): void | Promise<void> {
  const key = principalKey(principal);
  if (deps.throttle.takeNow) return spent(deps, deps.throttle.takeNow(key, rule), key, source);
  return deps.throttle.take(key, rule).then((verdict) => spent(deps, verdict, key, source));
}

function spent(deps: SessionDeps, verdict: ThrottleVerdict, key: string, source: CommandSource): void {
  if (verdict.ok) return;
  deps.metrics?.rateLimited.inc({ transport: source.transport, kind: 'principal' });
  deps.log.warn('security: rate limited', { event: 'limit', limit: 'commands', conn: source.id, ip: source.ip, who: key });
  throw new ParleyError('rate_limited', `Too many commands from your connections together; ${retryIn(verdict.retryAfterSec)}.`);
}
