/**
 * The client's IP address for per-IP limits (REST write rate, WebSocket connections per IP).
 * Without a trusted proxy it is the socket's peer address. With PARLEY_TRUST_PROXY it is the last
 * X-Forwarded-For entry: the one our own proxy appended, so a client cannot choose it by sending
 * its own X-Forwarded-For (the proxy appends to it; earlier entries are the client's word).
 */
export function clientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor !== undefined) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const last = header.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last && last.length <= 64) return normalize(last);
  }
  return normalize(remoteAddress ?? 'unknown');
}

/** "::ffff:1.2.3.4" (IPv4 on a dual-stack socket) and "1.2.3.4" are the same client. */
function normalize(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
