import type { ContextUpdate, Visitor } from '../../protocol/index.ts';
import { Topics } from '../bus/bus.ts';
import { fail } from '../errors.ts';
import type { VisitorPatch } from '../store/store.ts';
import { requireVisitor } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { publishAll } from './routing.ts';

/**
 * The visitor's page context and typed email, and the `visitor.updated` event that keeps the staff's
 * visitor panel and inbox rows live. The event is ephemeral: a reconnecting dashboard reloads the
 * visitor through REST anyway.
 */

/**
 * Visitor only. Stores the page context; a pre-chat `email` goes on the Visitor as unverified, unless
 * the visitor already has an email verified by the site's identity JWT (a typed one never replaces it).
 */
export async function updateContext(ctx: DomainContext, p: Principal, input: ContextUpdate): Promise<void> {
  const { visitorId } = requireVisitor(p, 'Updating the page context');
  // The email goes on the Visitor, never in the context staff see as page info.
  const { email, ...context } = input;
  const bytes = Buffer.byteLength(JSON.stringify(context));
  const max = ctx.config.serverLimits.maxContextBytes;
  if (bytes > max) fail('bad_request', `The page context is ${bytes} bytes; at most ${max} are kept (shorten attributes or titles).`);
  const patch: VisitorPatch = { context, lastSeenAt: ctx.now() };
  // The widget sends the whole page context on every navigation: a pre-chat team choice stays until the visitor chooses again.
  const current = email !== undefined || context.teamId === undefined ? await ctx.store.getVisitor(visitorId) : null;
  if (context.teamId === undefined && current?.context.teamId) context.teamId = current.context.teamId;
  if (email !== undefined) {
    if (!current) fail('not_found', 'No such visitor.');
    if (!current!.emailVerified) {
      patch.email = email;
      patch.emailVerified = false;
    }
  }
  const visitor = await ctx.store.updateVisitor(visitorId, patch);
  if (visitor) ctx.visitorUpdates.changed(visitorId);
}

/** After a visitor session opened (identify, or a returning visitor on a new page): tell staff. */
export async function visitorChanged(ctx: DomainContext, visitorId: string): Promise<void> {
  const visitor = await ctx.store.getVisitor(visitorId);
  if (!visitor) return;
  // An identify may have merged an anonymous visitor, committing visitor.identified events: the
  // site feeds read them from the store (the store is the truth; this is only the hint to look now).
  if (visitor.identified) ctx.feeds.hint(visitor.siteId);
  ctx.visitorUpdates.changed(visitorId);
}

/**
 * What the pacer (visitor-update-pacer.ts) sends when a visitor's turn comes: the visitor as stored
 * now. Failures are reported, not thrown: the change itself is stored, and a reconnecting dashboard
 * reloads visitors through REST.
 */
export async function publishVisitor(ctx: Omit<DomainContext, 'visitorUpdates'>, visitorId: string): Promise<void> {
  try {
    const visitor = await ctx.store.getVisitor(visitorId);
    if (visitor) await publishVisitorUpdated(ctx, visitor);
  } catch (err) {
    ctx.onPublishError(err, 'visitor.updated');
  }
}

/**
 * Staff only see visitors through conversations, so a visitor without one (most page views of a busy
 * site) publishes nothing.
 */
async function publishVisitorUpdated(ctx: Omit<DomainContext, 'visitorUpdates'>, visitor: Visitor): Promise<void> {
  const conversations = await ctx.store.listVisitorConversations(visitor.id);
  if (conversations.length === 0) return;
  const event = { kind: 'visitor.updated' as const, visitor, conversationIds: conversations.map((c) => c.id) };
  await publishAll(ctx.bus, [Topics.siteStaff(visitor.siteId)], event, ctx.onPublishError);
}
