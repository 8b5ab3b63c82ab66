/**
 * Origin checks for visitor requests and visitor WebSocket upgrades.
 *
 * A site lists exact origins ("https://shop.example") or port wildcards ("http://localhost:*", which
 * matches every port of that scheme and host, including the default one). Comparison is on the
 * normalized origin: lowercase scheme and host, default port dropped.
 *
 * A missing Origin header (null) is allowed: browsers always send Origin on cross-origin fetches and
 * on WebSocket upgrades, so a request without one comes from a non-browser client (curl, a server,
 * a test), which could forge any Origin anyway. The check exists to stop other web pages from using
 * a site's widget in their visitors' browsers. The literal string "null" (sandboxed iframes, file://)
 * is an origin that is refused unless a site lists it.
 */
export function isOriginAllowed(allowedOrigins: readonly string[], origin: string | null | undefined): boolean {
  if (origin === null || origin === undefined || origin === '') return true;
  if (origin === 'null') return allowedOrigins.includes('null');
  const actual = parseOrigin(origin);
  if (!actual) return false;
  for (const pattern of allowedOrigins) {
    if (pattern === '*') return true;
    if (pattern.endsWith(':*')) {
      const base = parseOrigin(pattern.slice(0, -2));
      if (base && base.scheme === actual.scheme && base.host === actual.host) return true;
    } else {
      const allowed = parseOrigin(pattern);
      if (allowed && allowed.scheme === actual.scheme && allowed.host === actual.host && allowed.port === actual.port) return true;
    }
  }
  return false;
}

interface ParsedOrigin {
  scheme: string;
  host: string;
  port: string;
}

/** Parses "scheme://host[:port]" and nothing more (a path, query or credentials make it invalid). */
export function parseOrigin(value: string): ParsedOrigin | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return { scheme: url.protocol.slice(0, -1), host: url.hostname.toLowerCase(), port: url.port };
}

/** A site's origin list entry is valid when it parses as an origin, a port wildcard, "*" or "null". */
export function isValidOriginPattern(pattern: string): boolean {
  if (pattern === '*' || pattern === 'null') return true;
  return parseOrigin(pattern.endsWith(':*') ? pattern.slice(0, -2) : pattern) !== null;
}
