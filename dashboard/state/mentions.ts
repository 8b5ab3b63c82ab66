import { mentionToken } from '../../protocol/index.ts';

/**
 * The composer's @mention autocomplete (private notes only). Pure: what is being typed after an `@`,
 * which members match it, and the text after one is picked. A picked member is written as plain
 * `@Name` (what the agent sees while typing) and turned into the `@[Name](staffId)` token when the
 * note is sent, so the server knows exactly who was meant even when two share a first name.
 */
export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** Caret position: the query is text[start + 1, end). */
  end: number;
  query: string;
}

export interface Member {
  id: string;
  name: string;
}

/** The `@query` the caret is at the end of, if any: an `@` at the start or after a space, then no space (or a name so far). */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1 || (at > 0 && !/\s/.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s{2}/.test(query) || /^\s/.test(query)) return null;
  return { start: at, end: caret, query };
}

/** Members whose name (or a word of it) starts with the query, case-insensitive, at most `max`. */
export function matchMembers(members: readonly Member[], query: string, max = 6): Member[] {
  const q = query.trim().toLowerCase();
  return members.filter((m) => m.name.toLowerCase().startsWith(q) || m.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q))).slice(0, max);
}

export function insertMention(text: string, q: MentionQuery, m: Member): { text: string; caret: number } {
  const inserted = `@${m.name} `;
  return { text: text.slice(0, q.start) + inserted + text.slice(q.end), caret: q.start + inserted.length };
}

/** At send: each picked member's `@Name` still in the text becomes their token (the first time it appears). */
export function encodeMentions(text: string, picked: readonly Member[]): string {
  let out = text;
  for (const m of picked) {
    const plain = `@${m.name}`;
    const i = out.indexOf(plain);
    if (i === -1) continue;
    const after = out.slice(i + plain.length, i + plain.length + 1);
    if (/[\p{L}\p{N}_]/u.test(after)) continue;
    out = out.slice(0, i) + mentionToken({ name: m.name, staffId: m.id }) + out.slice(i + plain.length);
  }
  return out;
}
