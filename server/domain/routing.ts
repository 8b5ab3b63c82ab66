import type { Conversation, DurableEvent, EphemeralEvent, ServerEvent } from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';

/*
 * Who sees what. Durable events: staff of the site see all, the visitor those that carry
 * prevVisibleSeq (never a note, never a note's deletion), through the site feed (server/feed/).
 * Ephemeral events travel on bus topics (typing below; presence, unread, availability elsewhere).
 */

/** A conversation as a visitor may see it: a note as last message is not theirs to read, nor the team (routing). */
export function conversationForVisitor(c: Conversation): Conversation {
  if (!c.lastMessage?.note && c.teamId === undefined) return c;
  const { lastMessage, teamId: _routing, ...rest } = c;
  return lastMessage && !lastMessage.note ? { ...rest, lastMessage } : rest;
}

/** Strips staff-only parts (a note quoted as lastMessage, the team) from an event bound for a visitor. */
export function eventForVisitor(e: DurableEvent): DurableEvent {
  if (e.kind === 'conversation.updated' || e.kind === 'conversation.created' || e.kind === 'conversation.rated') {
    return { ...e, conversation: conversationForVisitor(e.conversation) };
  }
  return e;
}

/** Typing by staff reaches the visitor and the other staff; typing by the visitor reaches staff. */
export function topicsForTyping(e: Extract<EphemeralEvent, { kind: 'typing' }>, siteId: string, visitorId: string): string[] {
  const topics = [Topics.siteStaff(siteId)];
  if (e.actor.kind === 'staff') topics.push(Topics.visitor(visitorId));
  return topics;
}

export type PublishErrorHandler = (err: unknown, topic: string, event?: ServerEvent) => void;

/**
 * Publishes one event to several topics. A bus failure after a commit must not turn a committed
 * write into an error for the caller (its resend would be deduplicated anyway), so it is reported
 * and swallowed; clients catch up on resume.
 */
export async function publishAll(bus: Bus, topics: string[], event: ServerEvent, onError: PublishErrorHandler): Promise<void> {
  for (const topic of topics) {
    try {
      await bus.publish(topic, event);
    } catch (err) {
      onError(err, topic, event);
    }
  }
}
