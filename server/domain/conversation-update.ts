import type { DurableEvent } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { actorOf, loadConversation, requireStaff, type StaffPrincipal } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { ConversationChanges } from './domain.ts';
import type { Principal } from './principal.ts';
import { staffPrincipalName } from './actor-name.ts';
import { publishDurable } from './publish.ts';
import { teamNamed } from './teams/teams.ts';

/**
 * Staff change a conversation's status, assignee, team, snooze, priority or labels. Moving it to a team
 * whose members do not include its assignee unassigns it (it waits in that team's queue). Assignment only to
 * staff of the same site. A snooze needs a wake time in the future (at most PARLEY_MAX_SNOOZE_DAYS
 * ahead); giving only the time snoozes. Status and assignment make one conversation.updated (a
 * timeline entry: it carries the names of who did it and of the new assignee); priority and labels
 * one staff-only conversation.triaged. A change to what it already is commits nothing and answers
 * the current seq.
 */
export async function updateConversation(ctx: DomainContext, p: Principal, conversationId: string, changes: ConversationChanges): Promise<{ seq: number }> {
  const staff = requireStaff(p, 'Changing a conversation');
  const c = await loadConversation(ctx.store, staff, conversationId);
  const effective: { status?: ConversationChanges['status']; assigneeId?: string | null; snoozedUntil?: number | null; teamId?: string | null } = {};

  const status = changes.status ?? (changes.snoozedUntil !== undefined ? 'snoozed' : undefined);
  if (status !== undefined) {
    if (status !== c.status) effective.status = status;
    if (status === 'snoozed') {
      effective.snoozedUntil = snoozeTime(ctx, changes.snoozedUntil);
    } else {
      if (changes.snoozedUntil !== undefined) fail('bad_request', 'snoozedUntil goes with status snoozed.');
      if (c.snoozedUntil) effective.snoozedUntil = null;
    }
  }
  let assigneeName: string | undefined;
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId !== null) {
      const assignee = await ctx.store.getStaff(changes.assigneeId);
      if (!assignee || assignee.siteId !== staff.siteId) fail('bad_request', 'Conversations can only be assigned to staff of the same site.');
      assigneeName = assignee!.name;
    }
    if (changes.assigneeId !== c.assigneeId) effective.assigneeId = changes.assigneeId;
  }

  let teamName: string | undefined;
  if (changes.teamId !== undefined && changes.teamId !== (c.teamId ?? null)) {
    effective.teamId = changes.teamId;
    if (changes.teamId !== null) {
      const team = await teamNamed(ctx, staff.siteId, changes.teamId);
      teamName = team.name;
      // Moved to a team its assignee is not in: it waits in that team's queue (unless this change names an assignee).
      const assignee = effective.assigneeId !== undefined ? effective.assigneeId : c.assigneeId;
      if (changes.assigneeId === undefined && assignee && !team.memberIds.includes(assignee)) effective.assigneeId = null;
    }
  }

  const events: DurableEvent[] = [];
  const byName = await staffPrincipalName(ctx, staff);
  const at = ctx.now();
  if (effective.status !== undefined || effective.assigneeId !== undefined || effective.snoozedUntil || effective.teamId !== undefined) {
    // Names go into the event so every timeline reads "Alice assigned this to Bob" without a lookup.
    const event = await ctx.store.updateConversation({ conversationId: c.id, changes: effective, by: actorOf(staff), at, names: { by: byName, assignee: assigneeName, team: teamName } });
    if (event) events.push(event);
  }
  if (changes.priority !== undefined || changes.labels !== undefined) {
    const event = await ctx.store.setTriage({ conversationId: c.id, priority: changes.priority, labels: triageLabels(changes.labels), by: staffActor(staff), byName, at });
    if (event) events.push(event);
  }
  if (events.length === 0) return { seq: c.lastSeq };
  publishDurable(ctx, c.siteId, c.visitorId, events);
  return { seq: events[events.length - 1].seq };
}

const staffActor = (s: StaffPrincipal) => ({ kind: 'staff' as const, id: s.staffId });

/** When a snooze ends: required, in the future, not beyond the configured horizon. */
function snoozeTime(ctx: DomainContext, until: number | undefined): number {
  if (until === undefined) fail('bad_request', 'Snoozing needs snoozedUntil: when the conversation wakes (epoch milliseconds).');
  const now = ctx.now();
  const maxDays = ctx.config.maxSnoozeDays;
  if (!Number.isSafeInteger(until) || until! <= now) fail('bad_request', 'snoozedUntil must be in the future.');
  if (until! > now + maxDays * 86_400_000) fail('bad_request', `snoozedUntil may be at most ${maxDays} days ahead.`);
  return until!;
}

/** Labels as stored: trimmed, no blanks; the schema bounds their number and length. */
function triageLabels(labels: string[] | undefined): string[] | undefined {
  if (labels === undefined) return undefined;
  const out = labels.map((l) => l.trim()).filter((l) => l !== '');
  if (out.length !== labels.length) fail('bad_request', 'labels must not be blank.');
  return out;
}
