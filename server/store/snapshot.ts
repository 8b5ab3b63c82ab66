import type { Conversation, ConversationStatus, Rating, ReadCursor } from '../../protocol/index.ts';
import { ratingFromRow } from './rating-rules.ts';
import { parseLabels, priorityOf } from './triage-rules.ts';
import { actor, type ConversationRow } from './rows.ts';
import type { ConversationView } from './store.ts';

/**
 * A Conversation as the Store hands it out, built in one place whatever it is built from: a
 * conversations row (both dialects' reads) or the SQLite append path's cached counters, which hold
 * the same fields (sqlite/conversation-cache.ts). Every builder returns the same shape and key order.
 */
export type ConversationFields = Omit<Conversation, 'reads' | 'lastMessage' | 'resolvedAt' | 'rating' | 'priority' | 'labels' | 'teamId'> & {
  resolvedAt: number | null;
  rating: Rating | undefined;
};

export type LastMessage = NonNullable<Conversation['lastMessage']>;

/** `reads` must be the caller's own array (it is handed out as is). */
export function conversationSnapshot(c: ConversationFields, reads: ReadCursor[], lastMessage?: LastMessage): Conversation {
  const out: Conversation = {
    id: c.id,
    siteId: c.siteId,
    visitorId: c.visitorId,
    status: c.status,
    assigneeId: c.assigneeId,
    lastSeq: c.lastSeq,
    lastActivityAt: c.lastActivityAt,
    createdAt: c.createdAt,
    snoozedUntil: c.snoozedUntil,
    reads,
  };
  // Only while resolved, so snapshots built in SQL (postgres/append-function.ts) have the same shape.
  if (c.resolvedAt !== null && c.status === 'resolved') out.resolvedAt = c.resolvedAt;
  if (c.rating) out.rating = { ...c.rating };
  if (lastMessage) out.lastMessage = lastMessage;
  return out;
}

export function conversationFromRow(r: ConversationRow, reads: ReadCursor[], lastMessage?: LastMessage): Conversation {
  return conversationSnapshot(
    {
      id: r.id,
      siteId: r.site_id,
      visitorId: r.visitor_id,
      status: r.status as ConversationStatus,
      assigneeId: r.assignee_id,
      lastSeq: r.last_seq,
      lastActivityAt: r.last_activity_at,
      createdAt: r.created_at,
      snoozedUntil: r.snoozed_until,
      resolvedAt: r.resolved_at ?? null,
      rating: ratingFromRow(r),
    },
    reads,
    lastMessage,
  );
}

/**
 * A staff read of a conversation: with its priority, labels and team. Never for a visitor (nor inside an
 * event, whose snapshot is the visitor's): a label is an agent's note.
 */
export function withTriage(c: Conversation, r: Pick<ConversationRow, 'priority' | 'labels' | 'team_id'>): Conversation {
  const out: Conversation = { ...c, priority: priorityOf(r.priority), labels: Array.isArray(r.labels) ? r.labels : parseLabels(r.labels) };
  // The team is routing, staff business like the labels: absent while it has none.
  if (r.team_id) out.teamId = r.team_id;
  return out;
}

/**
 * A snapshot inside a durable event: the visitor's view plus the team, which staff and webhooks route
 * by (the domain strips it for a visitor: domain/routing.ts conversationForVisitor). Absent while none.
 */
export function withTeam(c: Conversation, teamId: string | null | undefined): Conversation {
  return teamId ? { ...c, teamId } : c;
}

/**
 * How a store reads a conversation to put it inside a durable event (conversation.created/updated):
 * the visitor's view plus the team (withTeam), because the same stored payload is replayed to both sides.
 * Named once so every write path that logs a snapshot reads it the same way.
 */
export const EVENT_SNAPSHOT: Readonly<ConversationView> = Object.freeze({ forVisitor: true, event: true });

/** One read cursor from its stored columns. */
export const readCursor = (kind: string, id: string, seq: number): ReadCursor => ({ reader: actor(kind, id), seq: Number(seq) });
