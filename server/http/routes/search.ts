import { Routes } from '../../../protocol/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { SearchQuery } from '../../../protocol/schema/index.ts';
import { readQuery } from '../input.ts';

/** Full-text search over the staff member's site. */
export function registerSearch(app: App, deps: RouteDeps): void {
  app.get(Routes.search, requireAuth(deps, { role: 'staff' }), async (c) => {
    const { q } = readQuery(c, SearchQuery);
    return c.json({ hits: await deps.domain.search(c.get('principal'), q.trim()) });
  });
}
