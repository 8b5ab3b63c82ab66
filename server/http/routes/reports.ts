import { Routes } from '../../../protocol/index.ts';
import { ReportQuery } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readQuery } from '../input.ts';

/** GET /api/v1/reports: admins see how their site's support went over a range (server/domain/reports.ts). */
export function registerReports(app: App, deps: RouteDeps): void {
  app.get(Routes.reports, requireAuth(deps, { role: 'admin' }), async (c) => {
    return c.json(await deps.domain.siteReport(c.get('principal'), readQuery(c, ReportQuery)));
  });
}
