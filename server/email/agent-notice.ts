import type { Message } from '../../protocol/index.ts';
import type { EmailNotifyRow } from '../store/email-records.ts';
import type { EmailContext, NoticeDecision } from './context.ts';
import { emailHeaders } from './headers.ts';
import { mailbox } from './links.ts';
import { agentUnseenEmail } from './templates/compose.ts';
import { messagesAfter } from './unseen.ts';

/**
 * Visitor messages nobody on the team has seen: emailed to the assignee, or to every agent of the
 * site while the conversation is unassigned, once the oldest is `delayMs` old. "Seen" is the read
 * cursor in the dashboard: the assignee's, or anyone's when unassigned; a staff message (a reply or a
 * note) after them also counts, since someone is on it. Agents who turned these emails off get none.
 */
export async function decideAgentNotice(ctx: EmailContext, row: EmailNotifyRow): Promise<NoticeDecision> {
  const done = (notifiedSeq: number): NoticeDecision => ({ notifiedSeq, nextDueAt: null, emails: [] });
  const conversation = await ctx.store.getConversation(row.conversationId);
  if (!conversation) return done(row.pendingSeq);
  const staffReads = conversation.reads.filter((r) => r.reader.kind === 'staff' && (!conversation.assigneeId || r.reader.id === conversation.assigneeId));
  const seen = Math.max(0, ...staffReads.map((r) => r.seq));
  const from = Math.max(seen, row.notifiedSeq);
  const unseen = afterLastStaffMessage(await messagesAfter(ctx.store, conversation.id, from, true));
  if (unseen.length === 0) return done(row.pendingSeq);
  const due = unseen[0].createdAt + ctx.config.delayMs;
  if (due > ctx.now()) return { notifiedSeq: from, nextDueAt: due, emails: [] };
  const last = unseen[unseen.length - 1].seq;

  const [visitor, site, staff] = await Promise.all([
    ctx.store.getVisitor(conversation.visitorId),
    ctx.store.getSite(conversation.siteId),
    ctx.store.listStaff(conversation.siteId),
  ]);
  if (!visitor || !site) return done(last);
  const assigned = conversation.assigneeId ? staff.filter((s) => s.id === conversation.assigneeId) : staff;
  const optedOut = await ctx.store.emailOptedOut('staff', assigned.map((s) => s.id));
  const recipients = assigned.filter((s) => !optedOut.has(s.id) && s.email.includes('@'));
  const emails = recipients.map((agent) => {
    const unsubscribeUrl = ctx.links.unsubscribe(ctx.keys.unsubscribeToken({ kind: 'staff', id: agent.id, siteId: site.id }));
    const rendered = agentUnseenEmail({
      site: { name: site.name, color: site.settings.color },
      visitorName: visitor.name || visitor.label,
      unseen,
      delayMs: ctx.config.delayMs,
      dashboardUrl: ctx.links.conversationInDashboard(conversation.id),
      unsubscribeUrl,
    });
    const { id, headers } = emailHeaders({ replyDomain: ctx.replyDomain, from: mailbox(site.name, ctx.fromAddress), conversationId: conversation.id, unsubscribeUrl });
    return {
      id,
      siteId: site.id,
      conversationId: conversation.id,
      kind: 'agent.unseen' as const,
      dedupeKey: `agent.unseen:${agent.id}:${conversation.id}:${last}`,
      to: agent.email,
      ...rendered,
      headers,
      at: ctx.now(),
    };
  });
  return { notifiedSeq: last, nextDueAt: null, emails };
}

/** The visitor's messages after the last staff message (reply or note) among these. */
function afterLastStaffMessage(messages: Message[]): Message[] {
  let i = messages.length;
  while (i > 0 && messages[i - 1].author.kind === 'visitor') i--;
  return messages.slice(i);
}
