import { Routes } from '../../../protocol/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import { IdParams } from '../../../protocol/schema/index.ts';
import type { App, RouteDeps } from '../env.ts';
import { readParams } from '../input.ts';

/** A visitor's details and conversations, for staff of the visitor's site. */
export function registerVisitors(app: App, deps: RouteDeps): void {
  app.get(Routes.visitor, requireAuth(deps, { role: 'staff' }), async (c) => {
    return c.json(await deps.domain.getVisitorDetails(c.get('principal'), readParams(c, IdParams).id));
  });
}
