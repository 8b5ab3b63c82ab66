/**
 * Turns what a person typed into a safe full-text query: every word becomes a quoted term (so FTS
 * syntax such as `-`, `:`, `NEAR`, `"` or `*` in the input is plain text, never an operator or a
 * syntax error), terms are ANDed, and the last word matches as a prefix (search as you type).
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .split(/[^\p{L}\p{N}_]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w.replaceAll('"', '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** Marks around matched words in search snippets. Plain text, never HTML: the UI splits on them. */
export const SNIPPET_OPEN = '\u00ab'; // «
export const SNIPPET_CLOSE = '\u00bb'; // »
