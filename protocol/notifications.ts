import type { DurableEvent } from './events.ts';
import type { Actor } from './model.ts';
import { mentionsAsPlainText, mentionsIn } from './mentions.ts';

/**
 * The agents' notification center (docs/protocol.md, Notifications). A notification is a pure
 * function of one durable event and one agent (`notificationFor`), so the server, which follows the
 * event log and stores each one once per agent, and any client that wants to explain one agree on
 * what it is. Its key is (agent, event cursor, kind): an event handed over twice makes one row.
 */
export type NotificationKind = 'assigned' | 'mention' | 'reply' | 'waiting' | 'rating';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['assigned', 'mention', 'reply', 'waiting', 'rating'];

/** What an event tells one agent, before it is stored (id, read state). */
export interface NotificationDraft {
  kind: NotificationKind;
  conversationId: string;
  /** The site cursor of the event it comes from. */
  cursor: number;
  /** Who did it (the assigner, the note's author, the visitor); absent for `waiting`. */
  actor?: Actor;
  actorName?: string;
  /** A line of the text behind it (the note, the reply, the rating's comment), mentions as `@Name`. */
  excerpt?: string;
  /** `rating`: the score, 1-5. */
  score?: number;
}

export interface Notification extends NotificationDraft {
  id: string;
  createdAt: number;
  /** When the agent read it (here or on another device); null while unread. */
  readAt: number | null;
}

/** The agent's notification state: what the bell shows, sent with the hello and after every change. */
export interface NotificationState {
  unread: number;
  /** The newest notification's id (ids sort by time), null when there is none: a client holding another one reloads the list. */
  newestId: string | null;
}

export interface NotificationPreferences {
  /** The kinds that notify this agent; the others make no notification at all. */
  kinds: NotificationKind[];
  /** Play a sound for a new notification (in one of the agent's tabs). */
  sound: boolean;
  /** Show a desktop notification (in one of the agent's tabs). */
  desktop: boolean;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { kinds: [...NOTIFICATION_KINDS], sound: true, desktop: true };

const EXCERPT = 140;
const excerptOf = (text: string) => {
  const flat = mentionsAsPlainText(text).replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};
const isMe = (a: Actor, agentId: string) => a.kind === 'staff' && a.id === agentId;

/**
 * What `e` tells agent `agentId`, or null. `assigneeId` is the conversation's assignee when the event
 * happened (the caller follows the log in order, so it knows).
 * - assigned: the conversation was assigned to them by someone else;
 * - mention: a note that mentions them, by someone else;
 * - reply: the visitor wrote in a conversation assigned to them;
 * - rating: the visitor rated a conversation assigned to them;
 * - waiting: the conversation waited unanswered past the site's setting: its assignee, or every agent while unassigned.
 */
export function notificationFor(e: DurableEvent, agentId: string, assigneeId: string | null): NotificationDraft | null {
  const base = { conversationId: e.conversationId, cursor: e.cursor };
  switch (e.kind) {
    case 'conversation.updated':
      if (e.changes.assigneeId !== agentId || isMe(e.by, agentId) || e.woke) return null;
      return { ...base, kind: 'assigned', actor: e.by, ...(e.byName ? { actorName: e.byName } : {}) };
    case 'message.created': {
      const m = e.message;
      if (m.note) {
        if (isMe(m.author, agentId) || !mentionsIn(m.text).includes(agentId)) return null;
        return { ...base, kind: 'mention', actor: m.author, ...(m.authorName ? { actorName: m.authorName } : {}), excerpt: excerptOf(m.text) };
      }
      if (m.author.kind !== 'visitor' || assigneeId !== agentId) return null;
      return { ...base, kind: 'reply', actor: m.author, ...(m.authorName ? { actorName: m.authorName } : {}), excerpt: excerptOf(m.text) };
    }
    case 'conversation.rated':
      if ((e.conversation.assigneeId ?? assigneeId) !== agentId) return null;
      return { ...base, kind: 'rating', actor: e.by, ...(e.byName ? { actorName: e.byName } : {}), score: e.rating.score, ...(e.rating.comment ? { excerpt: excerptOf(e.rating.comment) } : {}) };
    case 'conversation.waiting':
      if (assigneeId !== null && assigneeId !== agentId) return null;
      return { ...base, kind: 'waiting' };
    default:
      return null;
  }
}

/** The assignee a conversation has after `e` (events that carry the conversation say it), else `before`. */
export function assigneeAfter(e: DurableEvent, before: string | null): string | null {
  if ('conversation' in e && e.conversation) return e.conversation.assigneeId;
  return before;
}
