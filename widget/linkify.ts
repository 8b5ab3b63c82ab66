/**
 * Splits message text into plain parts and http(s) links. The UI renders both as text nodes (links
 * inside <a rel="noopener noreferrer nofollow">), so nothing in a message is ever parsed as HTML.
 */
export type TextPart = { text: string; href?: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0];
    const url = raw.replace(TRAILING, '');
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: text.slice(at, start) });
    if (isHttpUrl(url)) parts.push({ text: url, href: url });
    else parts.push({ text: url });
    at = start + url.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
