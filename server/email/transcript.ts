import type { TranscriptResponse } from '../../protocol/index.ts';
import { loadConversation } from '../domain/authorize.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { Conversation, Visitor } from '../../protocol/index.ts';
import type { SiteRecord } from '../store/store.ts';
import type { EmailContext } from './context.ts';
import { emailHeaders } from './headers.ts';
import { mailbox } from './links.ts';
import { transcriptConfirmEmail, transcriptEmail } from './templates/compose.ts';
import { messagesAfter } from './unseen.ts';
import { setVisitorOptOut, visitorOptedOut } from './opt-out.ts';

/** A transcript is asked for with a click; clicks within this long queue one email. */
const SAME_REQUEST_MS = 60_000;
const MAX_MESSAGES = 1000;
/** How long a confirmation link works. */
const CONFIRM_TTL_MS = 24 * 3600 * 1000;
const DAY_SEC = 24 * 3600;

/**
 * Emails the conversation (notes excluded) to its visitor's address: the visitor asks from the widget,
 * or an agent sends it from the dashboard. Its Reply-To is the conversation's reply address.
 *
 * A visitor is anonymous and the address may be anyone's, so the site's mail must not become a way to
 * send chat text to strangers. From the widget:
 * - a verified address (identity JWT, a reply to one of our emails, a used confirmation link) gets it;
 * - an address only typed in gets a confirmation email first, with none of the visitor's text in it; the
 *   transcript follows once its owner opens the link and presses "send" (confirmTranscript); "decline"
 *   unsubscribes this visitor;
 * - a visitor who unsubscribed gets nothing (`forbidden`), and an agent's transcript to them is refused too;
 * - quotas (serverLimits): confirmations per address per site a day, and visitor-asked emails per site an
 *   hour, counted in the shared throttle. An agent's transcript counts against neither: they chose to send it.
 */
export async function requestTranscript(ctx: EmailContext, p: Principal, conversationId: string): Promise<TranscriptResponse> {
  const conversation = await loadConversation(ctx.store, p, conversationId);
  const [visitor, site] = await Promise.all([ctx.store.getVisitor(conversation.visitorId), ctx.store.getSite(conversation.siteId)]);
  if (!visitor?.email) return fail('bad_request', p.kind === 'visitor' ? 'Leave your email address first.' : 'This visitor has not left an email address.');
  if (!site) return fail('not_found', 'No such conversation.');
  if (await visitorOptedOut(ctx.store, visitor)) {
    fail('forbidden', p.kind === 'visitor' ? 'You unsubscribed from our emails, so none is sent.' : 'This visitor unsubscribed from email; no transcript is sent.');
  }
  if (p.kind === 'staff') return queueTranscript(ctx, site, conversation, visitor);
  if ((await messagesAfter(ctx.store, conversation.id, 0, false, 1)).length === 0) return fail('bad_request', 'The conversation has no messages yet.');
  await quota(ctx, `site:${site.id}`, { name: 'transcript-site', burst: ctx.quotas.transcriptsPerSitePerHour, perSec: ctx.quotas.transcriptsPerSitePerHour / 3600 }, 'This site has sent as many conversations by email as it may this hour');
  if (visitor.emailVerified) return queueTranscript(ctx, site, conversation, visitor);
  return queueConfirmation(ctx, site, conversation, visitor);
}

/** What a confirmation link names, if it is valid and still names the visitor's address. */
export async function transcriptAsk(ctx: EmailContext, token: string): Promise<{ site: SiteRecord; conversation: Conversation; visitor: Visitor } | null> {
  const ask = ctx.keys.verifyTranscriptToken(token, ctx.now());
  if (!ask) return null;
  const conversation = await ctx.store.getConversation(ask.conversationId);
  if (!conversation) return null;
  const [visitor, site] = await Promise.all([ctx.store.getVisitor(conversation.visitorId), ctx.store.getSite(conversation.siteId)]);
  // The visitor changed their address since: the link was for the old one.
  if (!visitor || !site || visitor.email?.toLowerCase() !== ask.email.toLowerCase()) return null;
  return { site, conversation, visitor };
}

/**
 * The owner of the address answered the confirmation: "send" proves the address theirs (verified from now
 * on, as after a reply) and queues the transcript; "decline" unsubscribes the visitor, so this chat sends
 * that address nothing more. Null when the link is not valid.
 */
export async function confirmTranscript(ctx: EmailContext, token: string, action: 'send' | 'decline'): Promise<{ email: string; site: SiteRecord; language?: string; outcome: 'sent' | 'declined' } | null> {
  const found = await transcriptAsk(ctx, token);
  if (!found) return null;
  const { site, conversation, visitor } = found;
  const answer = (outcome: 'sent' | 'declined') => ({ email: visitor.email!, site, language: visitor.context.language, outcome });
  if (action === 'decline') {
    await setVisitorOptOut(ctx.store, { id: visitor.id, siteId: site.id, email: visitor.email }, true, ctx.now());
    return answer('declined');
  }
  // Declined (or unsubscribed) before: the same link does not undo it.
  if (await visitorOptedOut(ctx.store, visitor)) return answer('declined');
  if (!visitor.emailVerified) await ctx.store.updateVisitor(visitor.id, { emailVerified: true });
  await queueTranscript(ctx, site, conversation, { ...visitor, emailVerified: true });
  return answer('sent');
}

async function queueTranscript(ctx: EmailContext, site: SiteRecord, conversation: Conversation, visitor: Visitor): Promise<TranscriptResponse> {
  const messages = await messagesAfter(ctx.store, conversation.id, 0, false, MAX_MESSAGES);
  if (messages.length === 0) return fail('bad_request', 'The conversation has no messages yet.');
  const rendered = transcriptEmail({
    site: { name: site.name, color: site.settings.color },
    audience: { languages: [visitor.context.language], timeZone: visitor.context.timezone },
    messages,
    pageUrl: ctx.links.page(site, visitor.context.url),
    at: ctx.now(),
  });
  const queued = await enqueue(ctx, site, conversation, visitor.email!, 'transcript', `transcript:${conversation.id}:${messages[messages.length - 1].seq}:${Math.floor(ctx.now() / SAME_REQUEST_MS)}`, rendered);
  return { to: visitor.email!, queued };
}

async function queueConfirmation(ctx: EmailContext, site: SiteRecord, conversation: Conversation, visitor: Visitor): Promise<TranscriptResponse> {
  const email = visitor.email!;
  const dedupeKey = `transcript.confirm:${conversation.id}:${email.toLowerCase()}:${Math.floor(ctx.now() / SAME_REQUEST_MS)}`;
  await quota(ctx, `${site.id}:${email.toLowerCase()}`, { name: 'transcript-confirm', burst: ctx.quotas.transcriptConfirmsPerAddress, perSec: ctx.quotas.transcriptConfirmsPerAddress / DAY_SEC }, 'This address was sent as many confirmation emails as it may today');
  const token = ctx.keys.transcriptToken({ conversationId: conversation.id, email, until: ctx.now() + CONFIRM_TTL_MS });
  const rendered = transcriptConfirmEmail({
    site: { name: site.name, color: site.settings.color },
    audience: { languages: [visitor.context.language], timeZone: visitor.context.timezone },
    confirmUrl: ctx.links.confirmTranscript(token),
  });
  const queued = await enqueue(ctx, site, conversation, email, 'transcript.confirm', dedupeKey, rendered);
  return { to: email, queued, confirm: true };
}

async function enqueue(ctx: EmailContext, site: SiteRecord, conversation: Conversation, to: string, kind: 'transcript' | 'transcript.confirm', dedupeKey: string, rendered: { subject: string; text: string; html: string }): Promise<boolean> {
  const { id, headers } = emailHeaders({
    replyDomain: ctx.replyDomain,
    from: mailbox(site.name, ctx.fromAddress),
    conversationId: conversation.id,
    replyTo: mailbox(site.name, `${ctx.keys.replyLocalPart(conversation.id)}@${ctx.replyDomain}`),
  });
  return (await ctx.store.enqueueEmails([{ id, siteId: site.id, conversationId: conversation.id, kind, dedupeKey, to, ...rendered, headers, at: ctx.now() }])) > 0;
}

async function quota(ctx: EmailContext, key: string, rule: { name: string; burst: number; perSec: number }, what: string): Promise<void> {
  const verdict = await ctx.throttle.take(key, rule);
  if (!verdict.ok) fail('quota_exceeded', `${what}; try again in ${verdict.retryAfterSec} seconds.`);
}
