import type { Conversation } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { loadConversation, type VisitorPrincipal } from './authorize.ts';
import type { DomainContext } from './context.ts';

/** Where a visitor's message goes: an existing conversation, or a new one. */
export interface VisitorSendTarget {
  conversation: Pick<Conversation, 'id' | 'status'> | null;
  /** True: the append creates a conversation even if the visitor has an open one. */
  newConversation: boolean;
  name: string | undefined;
}

/**
 * A visitor names one of their own conversations, asks for a new one, or names none: then their open
 * conversation (or a new one, found inside the append's transaction). A named conversation that was
 * resolved longer ago than the site's reopen window is not reopened: the message starts a new
 * conversation, as support teams expect ("thanks!" right after a resolve reopens; a question next
 * week is a new case). The common case (their open conversation) costs one light read.
 */
export async function visitorSendTarget(
  ctx: DomainContext,
  p: VisitorPrincipal,
  input: { conversationId?: string; newConversation?: boolean },
): Promise<VisitorSendTarget> {
  const found = await ctx.store.visitorSendTarget(p.visitorId);
  const name = found?.name;
  if (input.newConversation === true) {
    if (input.conversationId !== undefined && input.conversationId !== null) fail('bad_request', 'newConversation and conversationId exclude each other.');
    return { conversation: null, newConversation: true, name };
  }
  if (input.conversationId === undefined || input.conversationId === null) return { conversation: found?.openConversation ?? null, newConversation: false, name };
  const open = found?.openConversation;
  // Their open conversation is theirs: no need to read it again to authorize.
  if (open && open.id === input.conversationId) return { conversation: open, newConversation: false, name };
  const c = await loadConversation(ctx.store, p, input.conversationId);
  if (c.status === 'resolved' && !(await withinReopenWindow(ctx, p.siteId, c.resolvedAt))) {
    return { conversation: null, newConversation: true, name };
  }
  return { conversation: c, newConversation: false, name };
}

/** The site's reopen window (SiteSettings.reopenMinutes, else PARLEY_REOPEN_WINDOW_MINUTES). */
async function withinReopenWindow(ctx: DomainContext, siteId: string, resolvedAt: number | undefined): Promise<boolean> {
  const site = await ctx.store.getSite(siteId);
  const minutes = site?.settings.reopenMinutes ?? ctx.config.reopenWindowMinutes;
  // A conversation resolved before resolvedAt was stored has no time: treat it as long ago.
  return resolvedAt !== undefined && ctx.now() - resolvedAt <= minutes * 60_000;
}
