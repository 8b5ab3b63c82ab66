import type { DurableEvent, ResumePoint } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { DomainContext } from './context.ts';
import type { ResumeResult } from './domain.ts';
import type { Principal } from './principal.ts';
import { eventForVisitor } from './routing.ts';

/**
 * What a reconnecting client missed. Visitors resume per conversation (seq); every conversation of
 * theirs they did not list is replayed from 0, so a conversation started on another device shows
 * up. Staff resume from the site-wide cursor. Further behind than limits.resumeMaxEvents, or ahead of
 * what the store has (a backup restored under a client): the target goes into `reload` and the client
 * fetches through REST instead.
 */
export async function resume(ctx: DomainContext, p: Principal, point: ResumePoint): Promise<ResumeResult> {
  const max = ctx.config.limits.resumeMaxEvents;
  if (p.kind === 'staff') {
    const latest = await ctx.store.latestCursor(p.siteId);
    if (point.cursor === undefined) return { events: [], reload: [], cursor: latest };
    const after = nonNegative(point.cursor, 'resume.cursor');
    if (after > latest) return { events: [], reload: ['site'], cursor: latest }; // a cursor from another database
    const events = await ctx.store.eventsAfterCursor(p.siteId, after, max + 1);
    if (events.length > max) return { events: [], reload: ['site'], cursor: latest };
    return { events, reload: [], cursor: events.length ? events[events.length - 1].cursor : after };
  }

  const held = point.conversations ?? {};
  const events: DurableEvent[] = [];
  const reload: string[] = [];
  for (const c of await ctx.store.visitorConversationSeqs(p.visitorId)) {
    const after = Object.hasOwn(held, c.id) ? nonNegative(held[c.id], `resume.conversations.${c.id}`) : 0;
    // A point above the conversation's last seq comes from another database (a backup was restored):
    // nothing the client holds can be trusted, and live events at or below it would be dropped as seen.
    if (after > c.lastSeq) reload.push(c.id);
    if (after >= c.lastSeq) continue;
    // Notes take seqs too, so count what the visitor would actually receive.
    const page = await ctx.store.eventsAfterSeq(c.id, after, max + 1, true);
    if (page.length > max) reload.push(c.id);
    else events.push(...page.map(eventForVisitor));
  }
  return { events, reload };
}

function nonNegative(n: unknown, name: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) fail('bad_request', `${name} must be a non-negative integer.`);
  return n as number;
}
