/**
 * Search hits in the inbox: the server marks matched words in a snippet with « and » (plain text,
 * never HTML). The UI splits on the marks and renders the matched parts as <mark> elements whose
 * content is still text, so a message containing markup stays inert.
 */
export const MARK_OPEN = '\u00ab';
export const MARK_CLOSE = '\u00bb';

export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** Splits a marked snippet into plain and marked parts; an unclosed mark runs to the end. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, mark });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === MARK_OPEN && !mark) {
      flush();
      mark = true;
    } else if (ch === MARK_CLOSE && mark) {
      flush();
      mark = false;
    } else text += ch;
  }
  flush();
  return parts;
}

/** Runs of letters and digits, as the server's search splits words (server/store/search-query.ts). */
const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * Why an inbox row matched by its visitor (the inbox q also finds a visitor's name and address,
 * which no message snippet shows): the words of `text` that start with a word of `query`, marked,
 * without case. No query word in `text`: one plain part, so the caller can tell nothing matched.
 */
export function markQuery(text: string, query: string): SnippetPart[] {
  const terms = (query.match(WORD) ?? []).map((w) => w.toLocaleLowerCase());
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const m of terms.length ? text.matchAll(WORD) : []) {
    const word = m[0].toLocaleLowerCase();
    if (!terms.some((t) => word.startsWith(t))) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** True when markQuery marked something. */
export const anyMarked = (parts: SnippetPart[]): boolean => parts.some((p) => p.mark);
