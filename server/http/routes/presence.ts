import { Routes } from '../../../protocol/index.ts';
import { PresenceQuery } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readQuery } from '../input.ts';

/** Who is online: in one conversation (visitor or staff) or across the site (staff); the assignment queue (staff). */
export function registerPresence(app: App, deps: RouteDeps): void {
  app.get(Routes.presence, requireAuth(deps), async (c) => {
    const entries = await deps.domain.queryPresence(c.get('principal'), readQuery(c, PresenceQuery).conversationId);
    return c.json({ entries });
  });
  app.get(Routes.queue, requireAuth(deps, { role: 'staff' }), async (c) => c.json(await deps.domain.queue(c.get('principal'))));
}
