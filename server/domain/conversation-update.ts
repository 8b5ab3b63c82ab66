import { fail } from '../errors.ts';
import { actorOf, loadConversation, requireStaff } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { ConversationChanges } from './domain.ts';
import type { Principal } from './principal.ts';
import { publishDurable } from './publish.ts';

/**
 * Staff change a conversation's status or assignee. Assignment only to staff of the same site.
 * A change to what it already is commits nothing and answers the current seq.
 */
export async function updateConversation(ctx: DomainContext, p: Principal, conversationId: string, changes: ConversationChanges): Promise<{ seq: number }> {
  const staff = requireStaff(p, 'Changing a conversation');
  const c = await loadConversation(ctx.store, staff, conversationId);
  const effective: ConversationChanges & { snoozedUntil?: number | null } = {};

  if (changes.status !== undefined) {
    if (changes.status !== c.status) effective.status = changes.status;
    if (changes.status !== 'snoozed' && c.snoozedUntil) effective.snoozedUntil = null;
  }
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId !== null) {
      const assignee = await ctx.store.getStaff(changes.assigneeId);
      if (!assignee || assignee.siteId !== staff.siteId) fail('bad_request', 'Conversations can only be assigned to staff of the same site.');
    }
    if (changes.assigneeId !== c.assigneeId) effective.assigneeId = changes.assigneeId;
  }
  if (effective.status === undefined && effective.assigneeId === undefined) return { seq: c.lastSeq };

  const event = await ctx.store.updateConversation({ conversationId: c.id, changes: effective, by: actorOf(staff), at: ctx.now() });
  if (!event) return { seq: c.lastSeq };
  publishDurable(ctx, c.siteId, c.visitorId, [event]);
  return { seq: event.seq };
}
