import type { EmailNotifyRow } from '../store/email-records.ts';
import type { EmailContext, NoticeDecision } from './context.ts';
import { emailHeaders } from './headers.ts';
import { mailbox } from './links.ts';
import { visitorReplyEmail } from './templates/compose.ts';
import { messagesAfter, messagesBefore } from './unseen.ts';
import { visitorOptedOut } from './opt-out.ts';

const CONTEXT_MESSAGES = 3;

/**
 * Staff replies the visitor has not read: emailed once the oldest of them is `delayMs` old, all of
 * them in one email (a burst of replies is one email), with the few messages before them as context
 * and a link back to the page. Nothing when the visitor read them in a tab meanwhile (their read
 * cursor passed them), has no email address, or unsubscribed.
 */
export async function decideVisitorNotice(ctx: EmailContext, row: EmailNotifyRow): Promise<NoticeDecision> {
  const done = (notifiedSeq: number): NoticeDecision => ({ notifiedSeq, nextDueAt: null, emails: [] });
  const conversation = await ctx.store.getConversation(row.conversationId, { forVisitor: true });
  if (!conversation) return done(row.pendingSeq);
  const read = conversation.reads.find((r) => r.reader.kind === 'visitor')?.seq ?? 0;
  const from = Math.max(read, row.notifiedSeq);
  const unseen = (await messagesAfter(ctx.store, conversation.id, from, false)).filter((m) => m.author.kind === 'staff');
  if (unseen.length === 0) return done(row.pendingSeq);
  const due = unseen[0].createdAt + ctx.config.delayMs;
  if (due > ctx.now()) return { notifiedSeq: from, nextDueAt: due, emails: [] };
  const last = unseen[unseen.length - 1].seq;

  const [visitor, site] = await Promise.all([ctx.store.getVisitor(conversation.visitorId), ctx.store.getSite(conversation.siteId)]);
  if (!visitor?.email || !site || (await visitorOptedOut(ctx.store, visitor))) return done(last);
  const unsubscribeUrl = ctx.links.unsubscribe(ctx.keys.unsubscribeToken({ kind: 'visitor', id: visitor.id, siteId: site.id }));
  const rendered = visitorReplyEmail({
    site: { name: site.name, color: site.settings.color },
    audience: { languages: [visitor.context.language], timeZone: visitor.context.timezone },
    unseen,
    earlier: await messagesBefore(ctx.store, conversation.id, unseen[0].seq, CONTEXT_MESSAGES),
    pageUrl: ctx.links.page(site, visitor.context.url),
    unsubscribeUrl,
  });
  const { id, headers } = emailHeaders({
    replyDomain: ctx.replyDomain,
    from: mailbox(site.name, ctx.fromAddress),
    conversationId: conversation.id,
    replyTo: mailbox(site.name, `${ctx.keys.replyLocalPart(conversation.id)}@${ctx.replyDomain}`),
    unsubscribeUrl,
  });
  return {
    notifiedSeq: last,
    nextDueAt: null,
    emails: [
      {
        id,
        siteId: site.id,
        conversationId: conversation.id,
        kind: 'visitor.reply',
        dedupeKey: `visitor.reply:${conversation.id}:${last}`,
        to: visitor.email,
        ...rendered,
        headers,
        at: ctx.now(),
      },
    ],
  };
}
