import { fail } from '../errors.ts';
import { loadConversation, requireVisitor } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { publishDurable } from './publish.ts';

/**
 * The visitor rates a resolved conversation (CSAT: 1 to 5, an optional comment). One rating per
 * conversation; rating again changes it, for PARLEY_RATING_CHANGE_MINUTES after it was first given.
 * A site can turn ratings off (settings.ratings false): then they are refused. Staff see it in the
 * conversation and the visitor panel; the event is a timeline entry ("Ann rated this 5 of 5").
 */
export async function rateConversation(ctx: DomainContext, p: Principal, conversationId: string, input: { score: number; comment?: string }): Promise<{ seq: number }> {
  const visitor = requireVisitor(p, 'Rating a conversation');
  const c = await loadConversation(ctx.store, visitor, conversationId);
  const site = await ctx.store.getSite(visitor.siteId);
  if (site?.settings.ratings === false) fail('forbidden', 'This site does not ask for ratings.');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) fail('bad_request', 'score must be a whole number from 1 to 5.');
  const comment = input.comment?.trim() || null;
  const target = await ctx.store.visitorSendTarget(visitor.visitorId);
  const event = await ctx.store.rateConversation({
    conversationId: c.id,
    score: input.score,
    comment,
    by: { kind: 'visitor', id: visitor.visitorId },
    byName: target?.name,
    at: ctx.now(),
    changeableMs: ctx.config.ratingChangeMinutes * 60_000,
  });
  if (!event) return { seq: c.lastSeq };
  publishDurable(ctx, c.siteId, c.visitorId, [event]);
  return { seq: event.seq };
}
