import type { InboxItem, Message, Visitor } from '../../protocol/index.ts';

/** Display helpers shared by the list, the thread and the visitor panel. */
export function visitorName(v: Pick<Visitor, 'name' | 'email' | 'label'> | null | undefined): string {
  if (!v) return 'Visitor';
  return v.name?.trim() || v.email?.trim() || v.label || 'Visitor';
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** "14:05" today, "Mon" this week, "12 Mar" otherwise: an inbox timestamp. */
export function shortTime(at: number, now: number, locale?: string): string {
  const d = new Date(at);
  const n = new Date(now);
  if (d.toDateString() === n.toDateString()) return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (now - at < 6 * 24 * 3600_000 && at <= now) return d.toLocaleDateString(locale, { weekday: 'short' });
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

export function fullTime(at: number, locale?: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function preview(item: Pick<InboxItem, 'lastMessage'>, myId: string): string {
  const m = item.lastMessage;
  if (!m) return 'No messages yet';
  // The inbox marks a deleted last message locally; an empty text otherwise is attachments only.
  if ((m as { deleted?: boolean }).deleted) return 'Message deleted';
  if (!m.text) return m.author.kind === 'visitor' ? 'Sent an attachment' : 'Attachment';
  const prefix = m.note ? 'Note: ' : m.author.kind === 'visitor' ? '' : m.author.id === myId ? 'You: ' : 'Agent: ';
  return prefix + m.text.replace(/\s+/g, ' ').slice(0, 140);
}

/** Staff replies say "You" only when they are mine; others keep their names. */
export function authorLabel(m: Pick<Message, 'author' | 'authorName'>, myId: string, visitor: string): string {
  if (m.author.kind === 'visitor') return visitor;
  if (m.author.id === myId) return 'You';
  return m.authorName || 'Agent';
}

/** The visitor's local time now, from the IANA zone they reported. */
export function localTimeIn(timezone: string | undefined, now: number, locale?: string): string | null {
  if (!timezone) return null;
  try {
    return new Date(now).toLocaleTimeString(locale, { timeZone: timezone, hour: '2-digit', minute: '2-digit' }) + ` (${timezone})`;
  } catch {
    return null;
  }
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
