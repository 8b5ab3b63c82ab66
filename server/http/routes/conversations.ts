import { Routes } from '../../../protocol/index.ts';
import { IdParams, InboxQuery, RateRequest, UpdateConversationRequest } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams, readQuery } from '../input.ts';

/** The inbox (staff) or the visitor's own conversations; one conversation; assign, status, snooze, triage; the visitor's rating. */
export function registerConversations(app: App, deps: RouteDeps): void {
  app.get(Routes.conversations, requireAuth(deps), async (c) => {
    const p = c.get('principal');
    if (p.kind === 'visitor') {
      return c.json({ items: await deps.domain.listVisitorConversations(p), nextCursor: null });
    }
    const q = readQuery(c, InboxQuery);
    return c.json(await deps.domain.listInbox(p, { ...q, cursor: q.cursor ?? null }));
  });

  app.get(Routes.conversation, requireAuth(deps), async (c) => {
    return c.json(await deps.domain.getConversation(c.get('principal'), readParams(c, IdParams).id));
  });

  app.patch(Routes.conversation, requireAuth(deps, { role: 'staff' }), async (c) => {
    const { id } = readParams(c, IdParams);
    const changes = await readJson(c, UpdateConversationRequest, deps.config.limits.maxBodyBytes);
    return c.json(await deps.domain.updateConversation(c.get('principal'), id, changes));
  });

  app.post(Routes.rating, requireAuth(deps, { role: 'visitor' }), async (c) => {
    const { id } = readParams(c, IdParams);
    const body = await readJson(c, RateRequest, deps.config.limits.maxBodyBytes);
    return c.json(await deps.domain.rateConversation(c.get('principal'), id, body));
  });
}
