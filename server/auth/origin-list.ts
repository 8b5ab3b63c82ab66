import { isValidOriginPattern, parseOrigin } from './origin.ts';

/**
 * The rules for a site's allowed-origins list, shared by the CLI, the admin REST routes and so the
 * dashboard: one entry is an origin ("https://shop.example"), a port wildcard ("http://localhost:*"),
 * "*" (any page: only for testing) or "null" (sandboxed frames, file://). Entries are stored in one
 * canonical spelling (lowercase, no default port, no trailing slash), so "https://Shop.example/" and
 * "https://shop.example" are the same entry and removing either removes it.
 */
export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: string };

export function checkOriginPattern(raw: string): OriginCheck {
  const given = raw.trim();
  const bad: OriginCheck = { ok: false, reason: `"${given.slice(0, 100)}" is not an origin: write it like https://shop.example or http://localhost:* (scheme, host and port only, no path).` };
  if (given === '*' || given === 'null') return { ok: true, origin: given };
  const wildcard = given.endsWith(':*');
  const base = wildcard ? given.slice(0, -2) : given.replace(/\/$/, '');
  if (!isValidOriginPattern(wildcard ? base + ':*' : base)) return bad;
  const o = parseOrigin(base)!;
  if (wildcard && (o.port || /:\d+$/.test(base))) return bad;
  return { ok: true, origin: `${o.scheme}://${o.host}${wildcard ? ':*' : o.port ? `:${o.port}` : ''}` };
}

/** The list with `given` added (kept in order, no duplicates) or removed. */
export function changeOrigins(list: readonly string[], given: readonly string[], op: 'add' | 'remove'): string[] {
  if (op === 'add') return [...new Set([...list, ...given])];
  // Entries saved before canonical spelling are matched by their canonical form too.
  const canonical = (o: string) => {
    const c = checkOriginPattern(o);
    return c.ok ? c.origin : o;
  };
  const drop = new Set(given.map(canonical));
  return list.filter((o) => !drop.has(canonical(o)));
}
