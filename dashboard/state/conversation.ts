import { withTeamChange } from './inbox.ts';
import { TIMELINE_KINDS, type Conversation, type DurableEvent, type Message, type TimelineEvent, type Visitor } from '../../protocol/index.ts';
import { mergeTimeline } from './timeline.ts';
import { list, t } from '../i18n/index.ts';

/**
 * The open conversation: messages ascending by seq (the newest page first, older pages
 * prepended on scroll up), merged with live events. Pure functions; I/O lives in the controller.
 */
export interface ConversationState {
  id: string;
  conversation: Conversation | null;
  visitor: Visitor | null;
  messages: Message[];
  /** Timeline entries (status, assignment, snooze, rating, triage, identify), ascending by seq. */
  timeline: TimelineEvent[];
  /** More history exists before messages[0]. */
  hasMore: boolean;
  loadingOlder: boolean;
  /** The visitor's read cursor: they have seen every message with seq <= this. */
  visitorReadSeq: number;
  visitorTyping: boolean;
  /** Colleagues typing here, staff id -> display name (my own typing is never in it). */
  staffTyping: Record<string, string>;
  /** A message to show and highlight (opened from a search hit); null for the usual newest-first view. */
  focusSeq: number | null;
  error: string | null;
  /** The visitor was erased while it was open (conversation.erased): the pane says so, and shows nothing else. */
  erased?: boolean;
}

export function emptyConversation(id: string): ConversationState {
  return {
    id,
    conversation: null,
    visitor: null,
    messages: [],
    timeline: [],
    hasMore: false,
    loadingOlder: false,
    visitorReadSeq: 0,
    visitorTyping: false,
    staffTyping: {},
    focusSeq: null,
    error: null,
  };
}

/** Union by seq (a later copy wins: it may carry a deletion), ascending. */
export function mergeMessages(existing: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return existing;
  const bySeq = new Map<number, Message>();
  for (const m of existing) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function visitorReadFrom(c: Conversation): number {
  return c.reads.find((r) => r.reader.kind === 'visitor')?.seq ?? 0;
}

export function withDetails(s: ConversationState, conversation: Conversation, visitor: Visitor): ConversationState {
  return { ...s, conversation, visitor, visitorReadSeq: Math.max(s.visitorReadSeq, visitorReadFrom(conversation)) };
}

export function withPage(s: ConversationState, page: { messages: Message[]; hasMore: boolean; timeline?: TimelineEvent[] }, older: boolean): ConversationState {
  return {
    ...s,
    messages: mergeMessages(s.messages, page.messages),
    timeline: mergeTimeline(s.timeline, page.timeline ?? []),
    // Only a page of older history tells us about what lies before; the first page does too.
    hasMore: older || s.messages.length === 0 ? page.hasMore : s.hasMore,
    loadingOlder: false,
  };
}

/** Oldest seq held, the `before` for the next history page. */
export function oldestSeq(s: ConversationState): number | null {
  return s.messages.length ? s.messages[0].seq : null;
}

export function newestSeq(s: ConversationState): number {
  const last = s.messages[s.messages.length - 1]?.seq ?? 0;
  return Math.max(last, s.conversation?.lastSeq ?? 0);
}

export function applyConversationEvent(s: ConversationState, e: DurableEvent): ConversationState {
  if (e.conversationId !== s.id) return s;
  const next = applyToConversation(s, e);
  return (TIMELINE_KINDS as readonly string[]).includes(e.kind) ? { ...next, timeline: mergeTimeline(next.timeline, [e as TimelineEvent]) } : next;
}

function applyToConversation(s: ConversationState, e: DurableEvent): ConversationState {
  const conversation = s.conversation && e.seq > s.conversation.lastSeq ? { ...s.conversation, lastSeq: e.seq } : s.conversation;
  switch (e.kind) {
    case 'message.created': {
      // A message ends its author's typing, as in every chat app.
      const author = e.message.author;
      const visitorTyping = author.kind === 'visitor' ? false : s.visitorTyping;
      const staffTyping = author.kind === 'staff' && s.staffTyping[author.id] !== undefined ? setStaffTyping(s, author.id, null).staffTyping : s.staffTyping;
      return { ...s, conversation, visitorTyping, staffTyping, messages: mergeMessages(s.messages, [e.message]) };
    }
    case 'message.deleted':
      return {
        ...s,
        conversation,
        messages: s.messages.map((m) => (m.id === e.messageId ? { ...m, deleted: true, text: '', attachments: [] } : m)),
      };
    case 'read.moved':
      if (e.reader.kind !== 'visitor') return { ...s, conversation };
      return { ...s, conversation, visitorReadSeq: Math.max(s.visitorReadSeq, e.upTo) };
    case 'conversation.updated':
    case 'conversation.created':
    case 'conversation.rated':
      // Event snapshots are the visitor's: the staff-only fields (priority, labels) stay as they were.
      return { ...s, conversation: withTeamChange({ ...s.conversation, ...e.conversation, lastSeq: Math.max(e.conversation.lastSeq, conversation?.lastSeq ?? 0) }, e) };
    case 'conversation.triaged':
      return { ...s, conversation: conversation && { ...conversation, priority: e.priority, labels: e.labels } };
    case 'visitor.identified':
    case 'conversation.waiting':
      return { ...s, conversation };
    case 'conversation.erased':
      // Its visitor was erased (privacy): nothing of what was shown stays on screen.
      return { ...s, conversation: null, visitor: null, messages: [], timeline: [], hasMore: false, visitorTyping: false, erased: true };
  }
}

export function setVisitorTyping(s: ConversationState, typing: boolean): ConversationState {
  return s.visitorTyping === typing ? s : { ...s, visitorTyping: typing };
}

/** A colleague started (name) or stopped (null) typing here. */
export function setStaffTyping(s: ConversationState, staffId: string, name: string | null): ConversationState {
  if (name === null) {
    if (s.staffTyping[staffId] === undefined) return s;
    const { [staffId]: _gone, ...rest } = s.staffTyping;
    return { ...s, staffTyping: rest };
  }
  return s.staffTyping[staffId] === name ? s : { ...s, staffTyping: { ...s.staffTyping, [staffId]: name } };
}

/** "Ben is typing…", "Ben and Ada are typing…", "Ben, Ada and Cy are typing…"; null when nobody is. */
export function staffTypingText(staffTyping: Record<string, string>): string | null {
  const names = Object.values(staffTyping).sort((a, b) => a.localeCompare(b));
  if (names.length === 0) return null;
  if (names.length === 1) return t('typing.one', { name: names[0] });
  return t('typing.several', { names: list(names) });
}

/**
 * The visitor changed (page, name, email, identified) or was merged into an identified one: the
 * open conversation shows the new record when it is theirs, by visitor id or by conversation id.
 */
export function withVisitorUpdate(s: ConversationState, visitor: Visitor, conversationIds: string[]): ConversationState {
  if (s.visitor?.id !== visitor.id && !conversationIds.includes(s.id)) return s;
  const conversation = s.conversation && s.conversation.visitorId !== visitor.id ? { ...s.conversation, visitorId: visitor.id } : s.conversation;
  return { ...s, visitor, conversation };
}

/** True once the message at `seq` (or the oldest one after it, if `seq` was not a message) is loaded. */
export function holdsSeq(s: ConversationState, seq: number): boolean {
  const oldest = oldestSeq(s);
  return oldest !== null && (oldest <= seq || !s.hasMore);
}

/**
 * Where "Seen" goes: the newest message from staff (not a note: the visitor never gets notes)
 * that the visitor's read cursor covers. Null when they have not read any staff message.
 */
export function seenMarkSeq(messages: Message[], visitorReadSeq: number): number | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.seq > visitorReadSeq) continue;
    if (m.author.kind === 'staff' && !m.note && !m.deleted) return m.seq;
  }
  return null;
}

/** Highest seq of a visitor message, what "opening marks read" should send. */
export function latestReadableSeq(s: ConversationState): number {
  return newestSeq(s);
}
