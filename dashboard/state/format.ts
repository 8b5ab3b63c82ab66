import { mentionsAsPlainText, type InboxItem, type Message, type Visitor } from '../../protocol/index.ts';
import { t, time } from '../i18n/index.ts';

/** Display helpers shared by the list, the thread and the visitor panel. */
export function visitorName(v: Pick<Visitor, 'name' | 'email' | 'label'> | null | undefined): string {
  if (!v) return t('common.visitor');
  return v.name?.trim() || v.email?.trim() || v.label || t('common.visitor');
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** `names`: staff id -> name, so a colleague's reply reads "Ben: …" (their name is not on lastMessage). */
export function preview(item: Pick<InboxItem, 'lastMessage'>, myId: string, names: Record<string, { name: string }> = {}): string {
  const m = item.lastMessage;
  if (!m) return t('preview.none');
  // The inbox marks a deleted last message locally; an empty text otherwise is attachments only.
  if ((m as { deleted?: boolean }).deleted) return t('preview.deleted');
  if (!m.text) return m.author.kind === 'visitor' ? t('preview.visitorFile') : t('preview.file');
  const text = mentionsAsPlainText(m.text).replace(/\s+/g, ' ').slice(0, 140);
  if (m.note) return t('preview.note', { text });
  if (m.author.kind === 'visitor') return text;
  if (m.author.id === myId) return t('preview.you', { text });
  const name = names[m.author.id]?.name;
  return name ? t('preview.named', { name, text }) : t('preview.agent', { text });
}

/** Staff replies say "You" only when they are mine; others keep their names. */
export function authorLabel(m: Pick<Message, 'author' | 'authorName'>, myId: string, visitor: string): string {
  if (m.author.kind === 'visitor') return visitor;
  if (m.author.id === myId) return t('common.you');
  return m.authorName || t('common.agent');
}

/** The visitor's local time now, from the IANA zone they reported, in the agent's format. */
export function localTimeIn(timezone: string | undefined, now: number): string | null {
  if (!timezone) return null;
  try {
    // Intl throws on an unknown zone: then the visitor's time is not known.
    new Intl.DateTimeFormat(undefined, { timeZone: timezone });
  } catch {
    return null;
  }
  return `${time(now, timezone)} (${timezone})`;
}
