import type { Actor, EphemeralEvent } from '../../protocol/index.ts';
import { actorName } from './actor-name.ts';
import { actorOf, loadConversation } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { publishAll, topicsForTyping } from './routing.ts';

type TypingEvent = Extract<EphemeralEvent, { kind: 'typing' }>;

/** Start, refresh or stop typing in a conversation the principal may touch (see TypingTracker for what is published). */
export async function setTyping(ctx: DomainContext, p: Principal, conversationId: string, typing: boolean): Promise<void> {
  const c = await loadConversation(ctx.store, p, conversationId);
  const actor = actorOf(p);
  const publish = (value: boolean, name?: string) => publishTyping(ctx, c.siteId, c.visitorId, { kind: 'typing', conversationId: c.id, actor, name, typing: value });
  const changed = ctx.typing.set(c.id, actor, typing === true, () => void publish(false));
  // A start or a due refresh carries the name, so a watcher who missed the start need not guess it.
  if (changed) await publish(typing === true, typing === true ? await actorName(ctx, actor) : undefined);
}

/**
 * Sending a message ends its author's typing indicator. Undefined (no promise to wait for) when the
 * author was not typing, which is most sends.
 */
export function stopTyping(ctx: DomainContext, siteId: string, visitorId: string, conversationId: string, actor: Actor): Promise<void> | undefined {
  if (!ctx.typing.set(conversationId, actor, false, () => {})) return undefined;
  return publishTyping(ctx, siteId, visitorId, { kind: 'typing', conversationId, actor, typing: false });
}

function publishTyping(ctx: DomainContext, siteId: string, visitorId: string, event: TypingEvent): Promise<void> {
  return publishAll(ctx.bus, topicsForTyping(event, siteId, visitorId), event, ctx.onPublishError);
}
