import type { Message, ServerEvent, VisitorSessionResponse } from '../protocol/index.ts';
import { markDeleted, mergeMessages } from './messages.ts';
import type { WidgetState } from './state.ts';
import { currentOf, currentPatch } from './conversations.ts';

/**
 * How each server event changes what the visitor sees, as a pure function of the state: the
 * controller applies the patch and does the side effects (events to the host page, title flash,
 * typing expiry). `added` is a live message that was not in the list before.
 */
export function applyEvent(s: WidgetState, e: ServerEvent): { patch: Partial<WidgetState>; added?: Message } | null {
  const conv = s.conversationId;
  // Something the list and the header's unread-elsewhere badge show moved in another conversation: they reload.
  const elsewhere = { patch: { listVersion: s.listVersion + 1 } };
  switch (e.kind) {
    case 'message.created': {
      let base: Partial<WidgetState> = {};
      let messages = s.messages;
      // The first message from another tab creates the conversation this tab did not know yet; a
      // visitor message in another conversation means the visitor started a new one (old one closed).
      // With several conversations, a message in another one moves this tab only when it had none
      // open or a resolved one (the visitor went on in another tab or device).
      if (!conv) base = { conversationId: e.conversationId, startNew: false };
      else if (conv !== e.conversationId) {
        if (e.message.author.kind !== 'visitor' || (s.current && s.current.status !== 'resolved')) return elsewhere;
        base = { conversationId: e.conversationId, current: undefined, hasMore: false, staffReadSeq: 0, visitorReadSeq: 0, startNew: false };
        messages = [];
      }
      const added = messages.some((m) => m.id === e.message.id) ? undefined : e.message;
      const patch: Partial<WidgetState> = { ...base, messages: mergeMessages(messages, [e.message]) };
      if (e.message.author.kind === 'staff') patch.typing = null;
      return { patch, added };
    }
    case 'message.deleted':
      return e.conversationId === conv ? { patch: { messages: markDeleted(s.messages, e.messageId) } } : elsewhere;
    case 'read.moved':
      // The visitor read another conversation (in another tab): its replies are no longer unread elsewhere.
      if (e.conversationId !== conv) return e.reader.kind === 'visitor' ? elsewhere : null;
      return {
        patch:
          e.reader.kind === 'staff'
            ? { staffReadSeq: Math.max(s.staffReadSeq, e.upTo) }
            : { visitorReadSeq: Math.max(s.visitorReadSeq, e.upTo) },
      };
    case 'typing':
      if (e.conversationId !== conv || e.actor.kind !== 'staff') return null;
      // The server names the actor; without a name the UI says "the team" rather than guessing.
      return { patch: { typing: e.typing ? { name: e.name } : null } };
    case 'availability':
      return { patch: { availability: e.status } };
    case 'hours':
      return { patch: { hours: e.hours } };
    case 'capacity':
      return { patch: { capacity: e } };
    case 'queue.position': {
      const { [e.conversationId]: _was, ...rest } = s.queue;
      return { patch: { queue: e.position > 0 ? { ...rest, [e.conversationId]: e.position } : rest } };
    }
    case 'conversation.created':
    case 'conversation.updated':
    case 'conversation.rated': {
      const patch = currentPatch(s, e);
      return patch && { patch };
    }
    case 'site.updated':
      return { patch: { site: e.site } };
    default:
      return null;
  }
}

/** The state a (re)opened REST session gives: site, visitor, token, conversation and read cursors. */
export function sessionPatch(s: WidgetState, res: VisitorSessionResponse, emailRemembered: boolean): Partial<WidgetState> {
  let conv = res.conversations[0];
  for (const c of res.conversations) if (c.lastActivityAt > conv.lastActivityAt) conv = c;
  const reads = conv?.reads || [];
  const cursor = (kind: 'staff' | 'visitor', floor: number) =>
    Math.max(floor, ...reads.filter((r) => r.reader.kind === kind).map((r) => r.seq));
  return {
    phase: 'ready',
    problem: undefined,
    site: res.site,
    visitor: res.visitor,
    token: res.visitorToken,
    conversationId: s.conversationId || (s.startNew ? undefined : conv?.id),
    current: s.current || (s.startNew ? undefined : currentOf(conv)),
    staffReadSeq: cursor('staff', s.staffReadSeq),
    visitorReadSeq: cursor('visitor', s.visitorReadSeq),
    // The pre-chat form (preChatFirst) asks before a first chat only, never over one the visitor already has.
    emailGiven: !!res.visitor.email || emailRemembered || res.conversations.length > 0 || !!s.conversationId,
    emailKnown: !!res.visitor.email || emailRemembered,
  };
}
