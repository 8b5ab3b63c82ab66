import type { Actor, Conversation, ConversationStatus, Message, PresenceEntry, StaffAvailability, Visitor } from './model.ts';

/**
 * Durable events are stored with the conversation's next `seq` and a site-wide `cursor`, and are
 * replayed on resume. Ephemeral events (typing, presence, unread) are never stored.
 */
export type DurableEvent =
  | { kind: 'message.created'; conversationId: string; seq: number; cursor: number; message: Message }
  | { kind: 'message.deleted'; conversationId: string; seq: number; cursor: number; messageId: string; by: Actor }
  | { kind: 'read.moved'; conversationId: string; seq: number; cursor: number; reader: Actor; upTo: number }
  | {
      kind: 'conversation.updated';
      conversationId: string;
      seq: number;
      cursor: number;
      conversation: Conversation;
      changes: { status?: ConversationStatus; assigneeId?: string | null };
      by: Actor;
    }
  /** A conversation was created (first message). Staff get it so a new row appears in the inbox. */
  | { kind: 'conversation.created'; conversationId: string; seq: number; cursor: number; conversation: Conversation };

export type EphemeralEvent =
  /** `name`: the actor's display name (staff name; visitor name, else their label), set when typing starts. */
  | { kind: 'typing'; conversationId: string; actor: Actor; name?: string; typing: boolean }
  | { kind: 'presence'; entry: PresenceEntry; conversationId?: string }
  /** Pushed to one staff member whenever their unread counts change. `total` is across the site. */
  | { kind: 'unread'; counts: Record<string, number>; total: number }
  /** Staff availability summary pushed to visitors ("online, replies in a few minutes"). */
  | { kind: 'availability'; status: StaffAvailability }
  /**
   * A visitor's context (page, local time) or identity (name, email, identified) changed. Staff of the
   * site get it when the visitor has conversations. `conversationIds` are the visitor's conversations
   * now; after an identify merged an anonymous visitor they include the ones that were anonymous, so
   * rows still showing the old visitor can be matched by conversation.
   */
  | { kind: 'visitor.updated'; visitor: Visitor; conversationIds: string[] };

export type ServerEvent = DurableEvent | EphemeralEvent;
export type DurableEventKind = DurableEvent['kind'];

export function isDurable(e: ServerEvent): e is DurableEvent {
  return 'seq' in e && typeof (e as DurableEvent).seq === 'number';
}
