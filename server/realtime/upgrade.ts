import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Auth } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Store } from '../store/store.ts';
import type { SocketScope } from './hello.ts';
import { isOwnOrigin, normalized, requestScheme } from '../net/own-origin.ts';
import { allowedHostsOf, isHostAllowed } from '../http/allowed-hosts.ts';

/**
 * Decides whether an HTTP upgrade on /ws may become a WebSocket, before any frame is read:
 * - visitors: /ws?site=<siteKey>, Origin allowed by that site (403 otherwise, 404 unknown site);
 * - staff: /ws, Origin is the server's own (Host header), the public URL, or in dashboardOrigins.
 * A request without Origin is not from a browser page (no cross-site risk) and is let through;
 * the token in hello still decides who it is.
 */
export type UpgradeDecision = { ok: true; scope: SocketScope } | { ok: false; status: number; code: string; message: string };

export interface UpgradeDeps {
  auth: Auth;
  store: Store;
  config: Config;
}

export const WS_PATH = '/ws';

export async function decideUpgrade(deps: UpgradeDeps, req: IncomingMessage): Promise<UpgradeDecision> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, code: 'not_found', message: 'WebSocket endpoint is /ws.' };
  return decideScope(deps, req, url);
}

/**
 * Host, site and Origin rules of a realtime connection, whichever transport carries it: the upgrade
 * of /ws, or the POST that opens an HTTP fallback stream (stream/), both with `?site=` for visitors.
 */
export async function decideScope(deps: UpgradeDeps, req: Pick<IncomingMessage, 'headers' | 'socket'>, url: URL): Promise<UpgradeDecision> {
  if (!isHostAllowed(allowedHostsOf(deps.config), req.headers.host)) {
    return { ok: false, status: 421, code: 'host_not_allowed', message: 'This server does not answer for this host name.' };
  }
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
  const siteKey = url.searchParams.get('site');
  if (siteKey !== null) {
    const site = siteKey.length <= 128 ? await deps.store.getSiteByKey(siteKey) : null;
    if (!site) return { ok: false, status: 404, code: 'not_found', message: 'Unknown site key.' };
    if (!deps.auth.isOriginAllowed(site, origin)) {
      return { ok: false, status: 403, code: 'origin_not_allowed', message: 'This origin may not embed this site.' };
    }
    // Only the id: the scope lives as long as the socket, the site record need not (memory per socket).
    return { ok: true, scope: { kind: 'visitor', siteId: site.id } };
  }
  if (!isStaffOriginAllowed(deps.config, origin, req)) {
    return { ok: false, status: 403, code: 'origin_not_allowed', message: 'This origin may not open staff connections.' };
  }
  const cookieToken = sessionCookieOf(req.headers.cookie);
  return { ok: true, scope: cookieToken ? { kind: 'staff', cookieToken } : { kind: 'staff' } };
}

export function isStaffOriginAllowed(config: Config, origin: string | null, req: Pick<IncomingMessage, 'headers' | 'socket'>): boolean {
  if (origin === null) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const scheme = requestScheme(Boolean((req.socket as { encrypted?: boolean }).encrypted), typeof forwarded === 'string' ? forwarded : undefined, config.trustProxy);
  if (isOwnOrigin(config, origin, { host: req.headers.host, scheme })) return true;
  const actual = normalized(origin);
  return actual !== null && config.dashboardOrigins.some((o) => normalized(o) === actual);
}

/** The staff session cookie of an upgrade request (the http side's SESSION_COOKIE), if any. */
function sessionCookieOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'parley_session' && value.length) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const REASONS: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request', 429: 'Too Many Requests', 503: 'Service Unavailable' };

/** Answers a refused upgrade with a plain HTTP response carrying the usual `{ code, message }`. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Counts open sockets per client IP. */
export function createIpCounter(max: number) {
  const open = new Map<string, number>();
  return {
    tryAcquire(ip: string): boolean {
      const n = open.get(ip) ?? 0;
      if (n >= max) return false;
      open.set(ip, n + 1);
      return true;
    },
    release(ip: string): void {
      const n = (open.get(ip) ?? 1) - 1;
      if (n <= 0) open.delete(ip);
      else open.set(ip, n);
    },
  };
}
