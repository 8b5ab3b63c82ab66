import { CONVERSATION_STATUSES, Routes } from '../../../protocol/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { conversationStatus, id } from '../schemas.ts';
import { query, readJson, v } from '../validate.ts';

const patchBody = v.object({
  status: v.optional(conversationStatus),
  assigneeId: v.optional(v.nullable(id)),
});

/** The inbox (staff) or the visitor's own conversations; one conversation; assign and status. */
export function registerConversations(app: App, deps: RouteDeps): void {
  app.get(Routes.conversations, requireAuth(deps), async (c) => {
    const p = c.get('principal');
    if (p.kind === 'visitor') {
      return c.json({ items: await deps.domain.listVisitorConversations(p), nextCursor: null });
    }
    const page = await deps.domain.listInbox(p, {
      view: query.oneOf(c, 'view', ['mine', 'unassigned', 'all'] as const),
      status: query.oneOf(c, 'status', CONVERSATION_STATUSES),
      assignee: query.string(c, 'assignee', 128),
      unread: query.bool(c, 'unread'),
      q: query.string(c, 'q', 200),
      cursor: query.string(c, 'cursor', 500) ?? null,
      limit: query.int(c, 'limit', { min: 1 }),
    });
    return c.json(page);
  });

  app.get(Routes.conversation, requireAuth(deps), async (c) => {
    return c.json(await deps.domain.getConversation(c.get('principal'), c.req.param('id')));
  });

  app.patch(Routes.conversation, requireAuth(deps, { role: 'staff' }), async (c) => {
    const changes = await readJson(c, patchBody, deps.config.limits.maxBodyBytes);
    return c.json(await deps.domain.updateConversation(c.get('principal'), c.req.param('id'), changes));
  });
}
