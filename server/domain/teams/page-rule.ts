import type { TeamRule } from '../../../protocol/index.ts';

/**
 * Page rules (site setting teamRules) against a page URL. Only the path counts (the host is the
 * site's, the query and fragment vary), case ignored. A pattern without `*` is a prefix at a segment
 * boundary: /billing matches /billing, /billing/ and /billing/invoices, never /billingx. A `*` matches
 * any characters, `/` included, and then the whole path must match: /*\/pricing, /help/*.
 */
export function pathMatches(pattern: string, path: string): boolean {
  const p = pattern.trim().toLowerCase();
  const at = path.toLowerCase();
  if (p.includes('*')) {
    const re = new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`);
    return re.test(at);
  }
  const prefix = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  return prefix === '/' || at === prefix || at.startsWith(`${prefix}/`);
}

/** The path of a page URL; null when it is no URL (a page context may be missing or odd). */
export function pagePath(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/** The team of the first rule matching the page, among rules whose team exists; null: none matches. */
export function teamOfPage(rules: TeamRule[] | undefined, url: string | undefined, exists: (teamId: string) => boolean): string | null {
  const path = pagePath(url);
  if (path === null || !rules) return null;
  return rules.find((r) => exists(r.teamId) && pathMatches(r.pattern, path))?.teamId ?? null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
