import type { Context } from 'hono';
import type { Config } from '../config.ts';

/**
 * The request's Origin when it is cross-origin, else null. Same origin means the Origin's host
 * equals the Host header (what the browser connected to) or the configured public URL's origin.
 */
export function crossOriginOf(c: Context, config: Config): string | null {
  const origin = c.req.header('origin');
  if (!origin) return null;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return origin; // "null" or garbage: cross-origin, and no list will allow it
  }
  const host = c.req.header('host');
  if (host && parsed.host.toLowerCase() === host.toLowerCase()) return null;
  if (config.publicUrl) {
    try {
      if (new URL(config.publicUrl).origin === parsed.origin) return null;
    } catch {
      // an invalid PARLEY_PUBLIC_URL is reported at startup, not here
    }
  }
  return origin;
}

/** True when the request reached us over TLS, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}
