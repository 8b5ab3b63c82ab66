import { resolveMentions, type AckResults } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import { actorOf } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { SendMessageInput } from './domain.ts';
import type { Principal } from './principal.ts';
import { checkNotBlocked } from './blocks.ts';
import { checkNewConversation } from './new-conversation-limit.ts';
import { publishDurable } from './publish.ts';
import { attachmentList, messageText } from './message-rules.ts';
import { visitorSendTarget } from './send-target.ts';
import { staffPrincipalName } from './actor-name.ts';
import { stopTyping } from './typing-cases.ts';
import { newConversationTeam } from './teams/new-conversation-team.ts';

/**
 * Send a message: validate, authorize, dedupe by clientId, commit (the store assigns the seq),
 * then publish. A visitor writing into a snoozed conversation, or a resolved one within the site's
 * reopen window, reopens it in the same commit (the store does it: no later step can be skipped);
 * into one resolved before the window, the message starts a new conversation (send-target.ts). A resend with the same clientId returns
 * the first ack and publishes nothing itself; as the first send's process may have died between its
 * commit and its publish, the site feeds are told to compare with the store. `onQueued` is called
 * once the append is queued in the store, before it commits (not called when the send fails earlier).
 */
export async function sendMessage(
  ctx: DomainContext,
  p: Principal,
  input: SendMessageInput,
  onQueued?: () => void,
): Promise<AckResults['message.send']> {
  const clientId = input.clientId;
  const attachmentIds = attachmentList(input.attachmentIds, ctx.config);
  const note = input.note === true;
  if (note && p.kind !== 'staff') fail('forbidden', 'Only staff can write notes.');
  const typed = messageText(input.text, attachmentIds.length, ctx.config);
  // A note's @mentions are resolved against the site's members now (protocol/mentions.ts), so the
  // stored text says who was meant; a resend resolves the same way and compares equal.
  const text = note && typed.includes('@') ? resolveMentions(typed, (await ctx.store.listStaff(p.siteId)).filter((s) => s.deactivatedAt === null)) : typed;

  // Staff write into any conversation of their site: the append checks that itself (an unknown or
  // other site's conversation is not_found), so nothing is read first. A visitor's target is read:
  // it must be their own conversation (the store knows only sites), or their open one.
  if (p.kind === 'staff' && input.newConversation) fail('bad_request', 'Only visitors start conversations.');
  const sender = p.kind === 'staff' ? null : await visitorSendTarget(ctx, p, input);
  const target = p.kind === 'staff' ? { id: staffTarget(input.conversationId) } : (sender?.conversation ?? null);
  if (p.kind === 'visitor') await checkNotBlocked(ctx.store, p.siteId, { visitorId: p.visitorId, ip: input.ip });
  if (!target) await checkNewConversation(ctx, p.siteId, input.ip);
  // A conversation this send may create gets its team now, in the same commit (teams/).
  const teamId = !target && p.kind === 'visitor' ? await newConversationTeam(ctx, p.siteId, p.visitorId) : null;
  // Each step below awaits only when it has to read (findings.md #17: a lone send pays every await).
  if (attachmentIds.length > 0) await checkAttachments(ctx, p, attachmentIds, target?.id);
  const author = actorOf(p);
  // A token writing as itself is a bot: no staff record, its name is the token's.
  const named = p.kind === 'staff' ? staffPrincipalName(ctx, p) : sender?.name;
  const authorName = named instanceof Promise ? await named : named;

  const appended = ctx.store.appendMessage({
    siteId: p.siteId,
    conversationId: target?.id,
    // Used only when the append creates a conversation, which only a visitor's message does.
    visitorId: p.kind === 'visitor' ? p.visitorId : '',
    clientId,
    author,
    authorName,
    text,
    attachmentIds,
    note,
    at: ctx.now(),
    reopen: p.kind === 'visitor',
    newConversation: sender?.newConversation === true,
    ...(teamId ? { teamId } : {}),
    // An anonymous visitor must not be able to fill the inbox: the store counts inside its transaction.
    maxOpenConversations: sender?.newConversation ? ctx.config.serverLimits.maxOpenConversationsPerVisitor : undefined,
  });
  // The append is queued (stores queue appends in call order): a caller that orders sends may start the next one.
  onQueued?.();
  const result = await appended;
  const { message, conversation } = result;
  if (result.duplicate) {
    // Same clientId, different content: the client reused an id, which would silently drop a message.
    if (message.text !== text || (target && message.conversationId !== target.id && !sender?.newConversation)) {
      fail('conflict', 'This clientId was already used for a different message.');
    }
    ctx.feeds.hint(p.siteId);
    return ack(message);
  }

  const visitorId = conversation.visitorId;
  publishDurable(ctx, p.siteId, visitorId, result.events);
  const typingStopped = stopTyping(ctx, p.siteId, visitorId, message.conversationId, author);
  if (typingStopped) await typingStopped;
  // Unread counts follow the published message.created themselves (unread.ts).
  return ack(message);
}

function ack(message: AckResults['message.send']['message']): AckResults['message.send'] {
  return { messageId: message.id, conversationId: message.conversationId, seq: message.seq, createdAt: message.createdAt, message };
}

/** Staff name the conversation they write into. */
function staffTarget(conversationId: string | undefined): string {
  if (conversationId === undefined || conversationId === null) fail('bad_request', 'conversationId is required for staff.');
  if (typeof conversationId !== 'string' || conversationId === '') fail('bad_request', 'conversationId is required.');
  return conversationId as string;
}

/** An attachment may be sent only by its uploader, on its site, into its conversation if it has one. */
async function checkAttachments(ctx: DomainContext, p: Principal, ids: string[], conversationId: string | undefined): Promise<void> {
  const actor = actorOf(p);
  for (const id of ids) {
    const a = await ctx.store.getAttachment(id);
    const ok =
      a &&
      a.siteId === p.siteId &&
      a.uploader.kind === actor.kind &&
      a.uploader.id === actor.id &&
      (a.conversationId === null || a.conversationId === conversationId);
    if (!ok) fail('not_found', `No such attachment: ${id}.`);
  }
}

