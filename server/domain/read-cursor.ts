import { actorOf, loadConversation } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { Principal } from './principal.ts';
import { publishDurable } from './publish.ts';

/**
 * Move the caller's read cursor forward. The cursor is clamped to the conversation's last
 * message: read events take a seq themselves, so "read up to lastSeq" must not create a new
 * lastSeq for the other side to read (two auto-reading clients would ping-pong forever).
 * Answers with the caller's cursor after the call.
 */
export async function markRead(ctx: DomainContext, p: Principal, conversationId: string, seq: number): Promise<{ seq: number }> {
  const c = await loadConversation(ctx.store, p, conversationId);
  const reader = actorOf(p);
  const current = c.reads.find((r) => r.reader.kind === reader.kind && r.reader.id === reader.id)?.seq ?? 0;
  const upTo = Math.min(seq, c.lastMessage?.seq ?? 0);
  if (upTo <= current) return { seq: current };
  const event = await ctx.store.moveReadCursor({ conversationId: c.id, reader, upTo, at: ctx.now() });
  // The reader's unread counts follow the published read.moved (unread.ts).
  if (event) publishDurable(ctx, c.siteId, c.visitorId, [event]);
  return { seq: event && event.kind === 'read.moved' ? event.upTo : Math.max(current, upTo) };
}
