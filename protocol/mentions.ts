/**
 * Mentions in private notes. A note names a colleague as `@[Name](staffId)`: the composer writes that
 * when an agent picks a member from its autocomplete, and the domain rewrites a plain `@Name` that
 * matches a member of the site into it at send time (and a token naming someone who is not a member
 * back into plain `@Name`), so what is stored says exactly who was mentioned, whatever names change
 * later. Clients render a token as a chip with the name as text, never as HTML. Notes are staff only,
 * so visitors never see one.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,100})\]\(([A-Za-z0-9_-]{1,64})\)/g;

export interface MentionToken {
  name: string;
  staffId: string;
}

/** The text split into plain runs and mention tokens, in order (what a renderer walks). */
export function splitMentions(text: string): (string | MentionToken)[] {
  const out: (string | MentionToken)[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION_PATTERN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ name: m[1], staffId: m[2] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The staff ids a text mentions, each once, in order of first mention. */
export function mentionsIn(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(MENTION_PATTERN)) if (!ids.includes(m[2])) ids.push(m[2]);
  return ids;
}

/** The text as people read it in a line of plain text (a notification, a desktop alert): tokens as `@Name`. */
export function mentionsAsPlainText(text: string): string {
  return text.replace(MENTION_PATTERN, (_all, name: string) => `@${name}`);
}

export const mentionToken = (m: MentionToken): string => `@[${m.name.replace(/[\]\n]/g, ' ')}](${m.staffId})`;

/**
 * Resolves what an agent typed against the site's members: tokens of members stay (with the member's
 * current name), tokens of anyone else become plain `@Name`, and a plain `@Name` that matches a
 * member's whole name or first name (case-insensitive, longest name first, not inside a word)
 * becomes a token. Used by the domain when a note is sent.
 */
export function resolveMentions(text: string, members: readonly { id: string; name: string }[]): string {
  const byId = new Map(members.map((m) => [m.id, m]));
  const tokens: string[] = [];
  // Park existing tokens so the plain-name pass cannot touch them.
  let rest = text.replace(MENTION_PATTERN, (_all, name: string, id: string) => {
    const member = byId.get(id);
    if (!member) return `@${name}`;
    tokens.push(mentionToken({ name: member.name, staffId: id }));
    return `\u0000${tokens.length - 1}\u0000`;
  });
  const names = members
    .flatMap((m) => [{ key: m.name.trim(), m }, { key: m.name.trim().split(/\s+/)[0], m }])
    .filter((n) => n.key.length > 0)
    .sort((a, b) => b.key.length - a.key.length);
  const seen = new Set<string>();
  const unique = names.filter((n) => {
    const k = n.key.toLowerCase();
    // A first name two members share names neither of them.
    const clash = names.some((o) => o.key.toLowerCase() === k && o.m.id !== n.m.id);
    if (clash || seen.has(k + n.m.id)) return false;
    seen.add(k + n.m.id);
    return true;
  });
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const hit = rest[i] === '@' && !/[\p{L}\p{N}_]/u.test(rest[i - 1] ?? ' ') ? unique.find((n) => matchesAt(rest, i + 1, n.key)) : undefined;
    if (!hit) {
      out += rest[i];
      continue;
    }
    tokens.push(mentionToken({ name: hit.m.name, staffId: hit.m.id }));
    out += `\u0000${tokens.length - 1}\u0000`;
    i += hit.key.length;
  }
  rest = out;
  return rest.replace(/\u0000(\d+)\u0000/g, (_all, i: string) => tokens[Number(i)]);
}

/** `key` at `at` in `text`, case-insensitive, and not followed by more of a word. */
function matchesAt(text: string, at: number, key: string): boolean {
  return text.slice(at, at + key.length).toLowerCase() === key.toLowerCase() && !/^[\p{L}\p{N}_]/u.test(text.slice(at + key.length, at + key.length + 1));
}
