import type { MiddlewareHandler } from 'hono';
import { Routes } from '../../protocol/index.ts';
import type { Config } from '../config.ts';
import { fail } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * The Host names this server answers for: PARLEY_ALLOWED_HOSTS, else the public URL's host. A request
 * for any other Host is refused (`421 host_not_allowed`), HTTP and WebSocket alike: a DNS-rebinding page
 * (its own name resolving to this server) would otherwise be "same origin" with the dashboard. Without
 * either setting (a local start) every Host is served. The health checks answer any Host: balancers
 * and orchestrators probe by address.
 */
export function allowedHostsOf(config: Pick<Config, 'allowedHosts' | 'publicUrl'>): Set<string> | null {
  if (config.allowedHosts.length > 0) return new Set(config.allowedHosts.map((h) => h.toLowerCase()));
  if (!config.publicUrl) return null;
  try {
    const u = new URL(config.publicUrl);
    return new Set([u.host.toLowerCase()]);
  } catch {
    return null;
  }
}

/** A Host header is allowed when its name (with or without the port) is listed. */
export function isHostAllowed(allowed: Set<string> | null, host: string | undefined): boolean {
  if (!allowed) return true;
  if (!host) return false;
  const h = host.toLowerCase();
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0];
  return allowed.has(h) || allowed.has(name);
}

// /metrics too: scrapers address targets by IP, and the route has its own bearer token.
const PROBES = new Set<string>([Routes.health, Routes.ready, '/metrics']);

/** Refusals are logged by the error handler as security events (with the IP). */
export function allowedHosts(config: Config): MiddlewareHandler<AppEnv> {
  const allowed = allowedHostsOf(config);
  return async (c, next) => {
    if (allowed && !PROBES.has(c.req.path) && !isHostAllowed(allowed, c.req.header('host'))) {
      fail('host_not_allowed', 'This server does not answer for this host name.');
    }
    await next();
  };
}
