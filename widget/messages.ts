import type { Message } from '../protocol/index.ts';

// Committed messages as the controller holds them: merged by id in seq order, deletions, and the counts
// the launcher and read cursor need (first open). The displayed timeline (with the outbox, grouped by
// sender) is timeline.ts, part of the lazy message thread.

/**
 * Committed messages by seq, deduplicated by id (history pages and live events overlap); timeline
 * entries the same way, by seq (`key`).
 */
export function mergeMessages<T extends { seq: number }>(existing: T[], incoming: T[], key = 'id' as keyof T): T[] {
  if (!incoming.length) return existing;
  const byId = new Map<unknown, T>();
  for (const m of existing) byId.set(m[key], m);
  for (const m of incoming) byId.set(m[key], m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Marks a message deleted in place (the bubble says "deleted" instead of vanishing silently). */
export function markDeleted(messages: Message[], messageId: string): Message[] {
  return messages.map((m) => (m.id === messageId ? { ...m, deleted: true, text: '', attachments: [] } : m));
}

/** Staff messages above the visitor's read cursor. */
export function unreadCount(messages: Message[], visitorReadSeq: number): number {
  let n = 0;
  for (const m of messages) if (m.author.kind === 'staff' && !m.note && !m.deleted && m.seq > visitorReadSeq) n++;
  return n;
}

export function highestStaffSeq(messages: Message[]): number {
  let seq = 0;
  for (const m of messages) if (m.author.kind === 'staff' && m.seq > seq) seq = m.seq;
  return seq;
}
