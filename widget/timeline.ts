import type { Actor, Attachment, Message } from '../protocol/index.ts';
import type { OutboxItem } from '../client/api.ts';
import type { SystemLine } from './timeline-lines.ts';

/**
 * Pure timeline logic: committed messages (from history, replays and live events) merged with the
 * outbox's pending items, then grouped by sender for display. A pending bubble disappears the moment
 * a committed message with its clientId exists, so a message is never shown twice. Part of the lazy
 * message thread (ui/MessageList.tsx), so a first open without messages does not carry it.
 */
export interface TimelineItem {
  key: string;
  /** Present once committed. */
  seq?: number;
  clientId?: string;
  author: Actor;
  authorName?: string;
  text: string;
  attachments: Attachment[];
  createdAt: number;
  status: 'pending' | 'failed' | 'sent' | 'read' | 'received';
  error?: string;
  deleted?: boolean;
}

export interface MessageGroup {
  key: string;
  author: Actor;
  authorName?: string;
  mine: boolean;
  items: TimelineItem[];
}

export function buildTimeline(
  messages: Message[],
  outbox: OutboxItem[],
  conversationId: string | undefined,
  staffReadSeq: number,
  visitorId: string | undefined,
): TimelineItem[] {
  const committed = new Set(messages.map((m) => m.clientId));
  const items: TimelineItem[] = messages
    .filter((m) => !m.note)
    .map((m) => {
      const mine = m.author.kind === 'visitor';
      return {
        key: m.id,
        seq: m.seq,
        clientId: m.clientId,
        author: m.author,
        authorName: m.authorName,
        text: m.deleted ? '' : m.text,
        attachments: m.deleted ? [] : m.attachments,
        createdAt: m.createdAt,
        deleted: m.deleted,
        status: mine ? (staffReadSeq >= m.seq ? 'read' : 'sent') : 'received',
      };
    });
  for (const o of outbox) {
    if (committed.has(o.clientId)) continue;
    if (o.conversationId && conversationId && o.conversationId !== conversationId) continue;
    items.push({
      key: 'c:' + o.clientId,
      clientId: o.clientId,
      author: { kind: 'visitor', id: visitorId || '' },
      text: o.text,
      attachments: [],
      createdAt: o.createdAt,
      status: o.status,
      error: o.error?.message,
    });
  }
  return items;
}

/** Consecutive items from the same sender within `gapMs` of each other form one group. */
export function groupBySender(items: TimelineItem[], gapMs = 5 * 60_000): MessageGroup[] {
  const groups: MessageGroup[] = [];
  let last: MessageGroup | undefined;
  for (const item of items) {
    const prev = last?.items[last.items.length - 1];
    const same =
      last &&
      prev &&
      last.author.kind === item.author.kind &&
      (item.author.kind === 'visitor' || last.author.id === item.author.id) &&
      item.createdAt - prev.createdAt <= gapMs;
    if (same && last) last.items.push(item);
    else {
      last = {
        key: item.key,
        author: item.author,
        authorName: item.authorName,
        mine: item.author.kind === 'visitor',
        items: [item],
      };
      groups.push(last);
    }
  }
  return groups;
}


/** What the thread shows, in order: groups of messages, and system lines (timeline-lines.ts) between them. */
export type ThreadRow = { key: string; group: MessageGroup; line?: undefined } | { key: string; line: SystemLine; group?: undefined };

/**
 * Items and system lines merged by seq: a line goes before the first message committed after it
 * (pending sends, which have no seq yet, come after every line) and splits the groups around it.
 */
export function threadRows(items: TimelineItem[], lines: SystemLine[], gapMs?: number): ThreadRow[] {
  const rows: ThreadRow[] = [];
  let run: TimelineItem[] = [];
  let i = 0;
  const flush = () => {
    for (const group of groupBySender(run, gapMs)) rows.push({ key: group.key, group });
    run = [];
  };
  const lineBefore = (seq: number) => {
    while (i < lines.length && lines[i].seq < seq) {
      flush();
      rows.push({ key: lines[i].key, line: lines[i++] });
    }
  };
  for (const item of items) {
    lineBefore(item.seq ?? Infinity);
    run.push(item);
  }
  lineBefore(Infinity);
  flush();
  return rows;
}
