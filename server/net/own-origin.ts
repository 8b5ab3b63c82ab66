import { parseOrigin } from '../auth/origin.ts';
import type { Config } from '../config.ts';

/**
 * Whether a request's Origin is the server itself: the same scheme, host and port as the request
 * (the scheme the client connected with: TLS on the socket, or with PARLEY_TRUST_PROXY the proxy's
 * X-Forwarded-Proto), or the origin of PARLEY_PUBLIC_URL. The scheme counts: a page on
 * `http://<dashboard host>` is another origin than the dashboard on https (issue 17: it could post
 * to admin routes as "same origin"). Hosts and default ports are compared normalized.
 */
export function isOwnOrigin(config: Pick<Config, 'publicUrl'>, origin: string, request: { host: string | undefined; scheme: 'http' | 'https' }): boolean {
  const actual = normalized(origin);
  if (!actual) return false;
  if (request.host && actual === normalized(`${request.scheme}://${request.host}`)) return true;
  if (!config.publicUrl) return false;
  try {
    return actual === normalized(new URL(config.publicUrl).origin);
  } catch {
    return false; // an invalid PARLEY_PUBLIC_URL is reported at startup, not here
  }
}

/** The scheme the client used, by the socket and (behind a trusted proxy only) X-Forwarded-Proto. */
export function requestScheme(encrypted: boolean, forwardedProto: string | undefined, trustProxy: boolean): 'http' | 'https' {
  if (trustProxy && forwardedProto) return forwardedProto.split(',')[0].trim().toLowerCase() === 'https' ? 'https' : 'http';
  return encrypted ? 'https' : 'http';
}

/** An origin as `scheme://host[:port]`, lowercase, default port dropped; null when it is not one. */
export function normalized(origin: string): string | null {
  const o = parseOrigin(origin);
  if (!o) return null;
  const defaultPort = o.scheme === 'https' ? '443' : '80';
  return `${o.scheme}://${o.host}${o.port && o.port !== defaultPort ? `:${o.port}` : ''}`;
}
