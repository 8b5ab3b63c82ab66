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
