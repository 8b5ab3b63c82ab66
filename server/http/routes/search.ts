import { Routes } from '../../../protocol/index.ts';
import { fail } from '../../errors.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { query } from '../validate.ts';

/** Full-text search over the staff member's site. */
export function registerSearch(app: App, deps: RouteDeps): void {
  app.get(Routes.search, requireAuth(deps, { role: 'staff' }), async (c) => {
    const q = query.string(c, 'q', 200)?.trim();
    if (!q) return fail('bad_request', 'q must not be empty.');
    return c.json({ hits: await deps.domain.search(c.get('principal'), q) });
  });
}
