import type { Conversation, InboxItem, Message } from '../../protocol/index.ts';

/** Builders for state tests: realistic records with only the interesting fields overridden. */
export function conv(id: string, over: Partial<Conversation> = {}): Conversation {
  return { id, siteId: 's1', visitorId: `v-${id}`, status: 'open', assigneeId: null, lastSeq: 1, lastActivityAt: 1000, createdAt: 1000, reads: [], ...over };
}

export function item(id: string, over: Partial<InboxItem> = {}): InboxItem {
  return { ...conv(id), visitor: { id: `v-${id}`, label: `Label ${id}`, identified: false }, unread: 0, visitorOnline: false, ...over };
}

export function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: `cl${seq}`,
    author: { kind: 'visitor', id: 'v1' },
    text: `message ${seq}`,
    attachments: [],
    note: false,
    deleted: false,
    createdAt: 1000 + seq,
    ...over,
  };
}
