import type { ConversationStatus } from '../../protocol/index.ts';

/** What updateConversation may change. */
export interface ConversationChanges {
  status?: ConversationStatus;
  assigneeId?: string | null;
  snoozedUntil?: number | null;
  /** The team it is routed to; null: none. */
  teamId?: string | null;
}

/** Display names an update event carries for timelines (protocol/events.ts conversation.updated). */
export interface ChangeNames {
  by?: string;
  assignee?: string;
  /** The new team's name, for "Alice moved this to Billing". */
  team?: string;
}

/**
 * The fields of a change that actually differ from the row: `changes` is what the event reports
 * (status, assignee, a new snooze time), `columns` the values to store. Null when
 * nothing changes, so no event is written. `resolvedAt` is `at` when the status becomes resolved,
 * null when it leaves resolved.
 */
export function conversationChanges(
  row: { status: string; assignee_id: string | null; snoozed_until: number | null; resolved_at: number | null; resolved_by: string | null; snoozed_by: string | null; team_id?: string | null },
  requested: ConversationChanges,
  at: number,
  by: { id: string },
): {
  changes: { status?: ConversationStatus; assigneeId?: string | null; snoozedUntil?: number; teamId?: string | null };
  columns: { status: string; assigneeId: string | null; snoozedUntil: number | null; resolvedAt: number | null; resolvedBy: string | null; snoozedBy: string | null; teamId: string | null };
} | null {
  const { status, assigneeId, snoozedUntil, teamId } = requested;
  const changes: { status?: ConversationStatus; assigneeId?: string | null; snoozedUntil?: number; teamId?: string | null } = {};
  if (status !== undefined && status !== row.status) changes.status = status;
  if (assigneeId !== undefined && assigneeId !== row.assignee_id) changes.assigneeId = assigneeId;
  const teamBefore = row.team_id ?? null;
  if (teamId !== undefined && teamId !== teamBefore) changes.teamId = teamId;
  const snoozeChanged = snoozedUntil !== undefined && snoozedUntil !== row.snoozed_until;
  // A new wake time is announced (the timeline says until when); clearing it goes with the status change.
  if (snoozeChanged && snoozedUntil !== null) changes.snoozedUntil = snoozedUntil;
  if (changes.status === undefined && changes.assigneeId === undefined && changes.teamId === undefined && !snoozeChanged) return null;
  const nextStatus = changes.status ?? row.status;
  return {
    changes,
    columns: {
      status: nextStatus,
      assigneeId: changes.assigneeId !== undefined ? changes.assigneeId : row.assignee_id,
      snoozedUntil: snoozeChanged ? snoozedUntil : row.snoozed_until,
      resolvedAt: nextStatus !== 'resolved' ? null : changes.status === 'resolved' ? at : row.resolved_at,
      resolvedBy: nextStatus !== 'resolved' ? null : changes.status === 'resolved' ? by.id : row.resolved_by,
      snoozedBy: nextStatus !== 'snoozed' ? null : snoozeChanged ? by.id : row.snoozed_by,
      teamId: changes.teamId !== undefined ? changes.teamId : teamBefore,
    },
  };
}

/** The names for the event: assignee only when the change assigns someone. */
export function eventNames(names: ChangeNames | undefined, changes: { assigneeId?: string | null; teamId?: string | null }): { byName?: string; assigneeName?: string; teamName?: string } {
  const out: { byName?: string; assigneeName?: string; teamName?: string } = {};
  if (names?.by !== undefined) out.byName = names.by;
  if (typeof changes.assigneeId === 'string' && names?.assignee !== undefined) out.assigneeName = names.assignee;
  if (typeof changes.teamId === 'string' && names?.team !== undefined) out.teamName = names.team;
  return out;
}

/** A change of team alone is routing, staff business: the visitor is not shown it (no prevVisibleSeq). */
export const visibleChange = (changes: object): boolean => Object.keys(changes).some((k) => k !== 'teamId');

/**
 * Where moveReadCursor moves a reader: `upTo` clamped to the conversation's last *message* seq. A
 * read.moved event takes a seq itself, so a client that acks every event's seq would otherwise make
 * an endless read loop.
 */
export const readTarget = (upTo: number, lastMessageSeq: number): number => Math.min(Math.floor(upTo), lastMessageSeq);
