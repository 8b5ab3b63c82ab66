/**
 * Canned responses in the composer: typing `/` and a shortcut opens a list; Enter or Tab
 * replaces the `/shortcut` token with the response text.
 */
export interface CannedItem {
  id: string;
  shortcut: string;
  text: string;
}

export interface SlashToken {
  /** What follows the slash, lowercased. */
  query: string;
  /** Range of `/query` in the text, to replace on insert. */
  start: number;
  end: number;
}

/** The `/word` ending at the caret, when it starts the text or follows whitespace. */
export function slashTokenAt(text: string, caret: number): SlashToken | null {
  let i = caret - 1;
  while (i >= 0 && /[\w.-]/.test(text[i])) i--;
  if (i < 0 || text[i] !== '/') return null;
  if (i > 0 && !/\s/.test(text[i - 1])) return null; // "and/or", URLs
  return { query: text.slice(i + 1, caret).toLowerCase(), start: i, end: caret };
}

/** Shortcut prefix matches first, then shortcut substrings, then text substrings; each alphabetical. */
export function matchCanned(items: CannedItem[], query: string, max = 8): CannedItem[] {
  const q = query.toLowerCase().replace(/^\//, '');
  const rank = (c: CannedItem): number => {
    const s = c.shortcut.toLowerCase().replace(/^\//, '');
    if (s.startsWith(q)) return 0;
    if (s.includes(q)) return 1;
    if (q && c.text.toLowerCase().includes(q)) return 2;
    return -1;
  };
  return items
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.c.shortcut.localeCompare(b.c.shortcut))
    .slice(0, max)
    .map((x) => x.c);
}

/** Replaces the token with the response; returns the new text and where the caret goes. */
export function insertCanned(text: string, token: SlashToken, item: CannedItem): { text: string; caret: number } {
  const next = text.slice(0, token.start) + item.text + text.slice(token.end);
  return { text: next, caret: token.start + item.text.length };
}
