import type { ConversationStatus } from '../../protocol/index.ts';

/** What updateConversation may change. */
export interface ConversationChanges {
  status?: ConversationStatus;
  assigneeId?: string | null;
  snoozedUntil?: number | null;
}

/**
 * The fields of a change that actually differ from the row: `changes` is what the event reports
 * (status and assignee; a snooze alone is not announced), `columns` the values to store. Null when
 * nothing changes, so no event is written.
 */
export function conversationChanges(
  row: { status: string; assignee_id: string | null; snoozed_until: number | null },
  requested: ConversationChanges,
): { changes: { status?: ConversationStatus; assigneeId?: string | null }; columns: { status: string; assigneeId: string | null; snoozedUntil: number | null } } | null {
  const { status, assigneeId, snoozedUntil } = requested;
  const changes: { status?: ConversationStatus; assigneeId?: string | null } = {};
  if (status !== undefined && status !== row.status) changes.status = status;
  if (assigneeId !== undefined && assigneeId !== row.assignee_id) changes.assigneeId = assigneeId;
  const snoozeChanged = snoozedUntil !== undefined && snoozedUntil !== row.snoozed_until;
  if (changes.status === undefined && changes.assigneeId === undefined && !snoozeChanged) return null;
  return {
    changes,
    columns: {
      status: changes.status ?? row.status,
      assigneeId: changes.assigneeId !== undefined ? changes.assigneeId : row.assignee_id,
      snoozedUntil: snoozeChanged ? snoozedUntil : row.snoozed_until,
    },
  };
}

/**
 * Where moveReadCursor moves a reader: `upTo` clamped to the conversation's last *message* seq. A
 * read.moved event takes a seq itself, so a client that acks every event's seq would otherwise make
 * an endless read loop.
 */
export const readTarget = (upTo: number, lastMessageSeq: number): number => Math.min(Math.floor(upTo), lastMessageSeq);
