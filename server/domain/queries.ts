import type { Conversation, HistoryResponse, InboxItem, Message, Page, SearchHit, StaffMember, Visitor, VisitorConversation } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { CannedResponse, StaffRecord, Store } from '../store/store.ts';
import { loadConversation, requireStaff, requireVisitor } from './authorize.ts';
import type { DomainContext } from './context.ts';
import type { InboxListQuery } from './domain.ts';
import type { Principal } from './principal.ts';
import { conversationForVisitor } from './routing.ts';
import { pageSize } from './message-rules.ts';

/** Read-side use cases (what REST serves) and the few small writes that publish nothing. */
export function createQueries(ctx: DomainContext) {
  const toMember = (s: StaffRecord): StaffMember => ({
    id: s.id,
    siteId: s.siteId,
    email: s.email,
    name: s.name,
    role: s.role,
    availability: ctx.presence.staffStatus(s.id),
  });

  return {
    async listInbox(p: Principal, q: InboxListQuery): Promise<Page<InboxItem>> {
      const staff = requireStaff(p, 'The inbox');
      const assignee = q.assignee ?? (q.view === 'mine' ? 'me' : q.view === 'unassigned' ? 'unassigned' : undefined);
      const page = await ctx.store.listInbox({
        siteId: staff.siteId,
        staffId: staff.staffId,
        status: q.status,
        assignee,
        unreadOnly: q.unread === true,
        label: q.label?.trim() || undefined,
        priority: q.priority,
        team: q.team,
        sort: q.sort,
        q: q.q?.trim() || undefined,
        cursor: q.cursor ?? null,
        limit: pageSize(q.limit, 50, ctx.config),
      });
      const items = page.items.map(({ conversation, visitor, unread }): InboxItem => ({
        ...conversation,
        visitor: { id: visitor.id, name: visitor.name, email: visitor.email, emailVerified: visitor.emailVerified, label: visitor.label, identified: visitor.identified },
        unread,
        visitorOnline: ctx.presence.isOnline({ kind: 'visitor', id: visitor.id }),
      }));
      return { items, nextCursor: page.nextCursor };
    },

    async getConversation(p: Principal, id: string): Promise<{ conversation: Conversation; visitor: Visitor }> {
      const c = await loadConversation(ctx.store, p, id);
      const visitor = await ctx.store.getVisitor(c.visitorId);
      if (!visitor) fail('not_found', 'No such visitor.');
      return { conversation: p.kind === 'visitor' ? conversationForVisitor(c) : c, visitor: visitor! };
    },

    async history(p: Principal, id: string, q: { before?: number; after?: number; limit?: number }): Promise<HistoryResponse> {
      const c = await loadConversation(ctx.store, p, id);
      const forVisitor = p.kind !== 'staff';
      const page = await ctx.store.history(c.id, {
        before: q.before,
        after: q.after,
        limit: pageSize(q.limit, 50, ctx.config),
        includeNotes: !forVisitor,
      });
      const range = timelineSpan(q, page);
      const timeline = await ctx.store.timeline(c.id, range, ctx.config.limits.maxPageSize, forVisitor);
      return { ...page, timeline };
    },

    async listVisitorConversations(p: Principal): Promise<VisitorConversation[]> {
      const visitor = requireVisitor(p, 'Listing your conversations');
      const conversations = (await ctx.store.listVisitorConversations(visitor.visitorId, { forVisitor: true })).slice(0, ctx.config.limits.maxPageSize);
      return Promise.all(conversations.map(async (c) => ({ ...conversationForVisitor(c), unread: await ctx.store.unreadForVisitor(c.id) })));
    },

    async getVisitorDetails(p: Principal, visitorId: string): Promise<{ visitor: Visitor; conversations: Conversation[] }> {
      const staff = requireStaff(p, 'Visitor details');
      const visitor = await ctx.store.getVisitor(visitorId);
      if (!visitor || visitor.siteId !== staff.siteId) fail('not_found', 'No such visitor.');
      return { visitor: visitor!, conversations: await ctx.store.listVisitorConversations(visitorId) };
    },

    async search(p: Principal, q: string): Promise<SearchHit[]> {
      const staff = requireStaff(p, 'Search');
      const query = q.trim();
      const hits = await ctx.store.searchMessages(staff.siteId, query, ctx.config.limits.maxPageSize);
      return hits.map(({ message, snippet }) => ({ conversationId: message.conversationId, message, snippet }));
    },

    async listStaff(p: Principal): Promise<StaffMember[]> {
      const staff = requireStaff(p, 'The staff list');
      // Deactivated members are not offered for assignment (admins see them in the team list).
      return (await ctx.store.listStaff(staff.siteId)).filter((s) => s.deactivatedAt === null).map(toMember);
    },

    async listCanned(p: Principal): Promise<CannedResponse[]> {
      return ctx.store.listCanned(requireStaff(p, 'Canned responses').siteId);
    },

    async createCanned(p: Principal, input: { shortcut: string; text: string }): Promise<CannedResponse> {
      const staff = requireStaff(p, 'Canned responses');
      const shortcut = input.shortcut.trim();
      const text = input.text.trim();
      // Inserted into the composer, it must fit a message on this deployment.
      if (text.length > ctx.config.limits.maxTextLength) fail('text_too_long', `A canned response is limited to ${ctx.config.limits.maxTextLength} characters, like a message.`);
      return ctx.store.createCanned({ siteId: staff.siteId, shortcut, text });
    },

    /** Any staff member of the site (admin or agent). Another site's response is not_found, like a missing one. */
    async deleteCanned(p: Principal, id: string): Promise<void> {
      const staff = requireStaff(p, 'Canned responses');
      if (!(await ctx.store.deleteCanned(staff.siteId, id))) fail('not_found', 'No such canned response.');
    },
  };
}

/**
 * The seqs a history page covers, for its timeline entries: below its oldest message only when
 * nothing older is left, above its newest only when it is the newest page. So paging back and forth
 * shows each entry exactly once, between the messages it came between.
 */
export function timelineSpan(q: { before?: number; after?: number }, page: { messages: Message[]; hasMore: boolean }): { afterSeq: number; beforeSeq: number } {
  const seqs = page.messages.map((m) => m.seq);
  if (q.after !== undefined) {
    return { afterSeq: q.after, beforeSeq: page.hasMore && seqs.length > 0 ? Math.max(...seqs) : Number.MAX_SAFE_INTEGER };
  }
  return { afterSeq: page.hasMore && seqs.length > 0 ? Math.min(...seqs) : 0, beforeSeq: q.before ?? Number.MAX_SAFE_INTEGER };
}
