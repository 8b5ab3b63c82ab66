import { loadConversation } from '../domain/authorize.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { EmailContext } from './context.ts';
import { emailHeaders } from './headers.ts';
import { mailbox } from './links.ts';
import { transcriptEmail } from './templates/compose.ts';
import { messagesAfter } from './unseen.ts';

/** A transcript is asked for with a click; clicks within this long queue one email. */
const SAME_REQUEST_MS = 60_000;
const MAX_MESSAGES = 1000;

/**
 * Emails the conversation (notes excluded) to its visitor's address: the visitor asks from the
 * widget, or an agent sends it from the dashboard. It is what they asked for, so it goes out even to
 * a visitor who unsubscribed from notifications. Its Reply-To is the conversation's reply address.
 */
export async function requestTranscript(ctx: EmailContext, p: Principal, conversationId: string): Promise<{ to: string; queued: boolean }> {
  const conversation = await loadConversation(ctx.store, p, conversationId);
  const [visitor, site] = await Promise.all([ctx.store.getVisitor(conversation.visitorId), ctx.store.getSite(conversation.siteId)]);
  if (!visitor?.email) return fail('bad_request', p.kind === 'visitor' ? 'Leave your email address first.' : 'This visitor has not left an email address.');
  if (!site) return fail('not_found', 'No such conversation.');
  const messages = await messagesAfter(ctx.store, conversation.id, 0, false, MAX_MESSAGES);
  if (messages.length === 0) return fail('bad_request', 'The conversation has no messages yet.');
  const rendered = transcriptEmail({
    site: { name: site.name, color: site.settings.color },
    audience: { languages: [visitor.context.language], timeZone: visitor.context.timezone },
    messages,
    pageUrl: ctx.links.page(site, visitor.context.url),
    at: ctx.now(),
  });
  const { id, headers } = emailHeaders({
    replyDomain: ctx.replyDomain,
    from: mailbox(site.name, ctx.fromAddress),
    conversationId: conversation.id,
    replyTo: mailbox(site.name, `${ctx.keys.replyLocalPart(conversation.id)}@${ctx.replyDomain}`),
  });
  const queued = await ctx.store.enqueueEmails([
    {
      id,
      siteId: site.id,
      conversationId: conversation.id,
      kind: 'transcript',
      dedupeKey: `transcript:${conversation.id}:${messages[messages.length - 1].seq}:${Math.floor(ctx.now() / SAME_REQUEST_MS)}`,
      to: visitor.email,
      ...rendered,
      headers,
      at: ctx.now(),
    },
  ]);
  return { to: visitor.email, queued: queued > 0 };
}
