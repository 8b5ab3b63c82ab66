import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { Config } from '../config.ts';
import { isOwnOrigin, requestScheme } from '../net/own-origin.ts';

/**
 * The request's Origin when it is cross-origin, else null. Same origin means the same scheme, host
 * and port as this request, or the configured public URL's origin (server/net/own-origin.ts).
 */
export function crossOriginOf(c: Context, config: Config): string | null {
  const origin = c.req.header('origin');
  if (!origin) return null;
  const scheme = requestScheme(isTls(c), c.req.header('x-forwarded-proto'), config.trustProxy);
  return isOwnOrigin(config, origin, { host: c.req.header('host'), scheme }) ? null : origin;
}

/** Whether the client's connection to us is TLS (the node server's socket; the URL's scheme under app.request). */
function isTls(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) return Boolean((incoming.socket as { encrypted?: boolean }).encrypted);
  return new URL(c.req.url).protocol === 'https:';
}

/** True when the request reached us over TLS, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}
