import { Routes } from '../../../protocol/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { CreateCannedRequest, IdParams } from '../../../protocol/schema/index.ts';
import { readJson, readParams } from '../input.ts';

/** Canned responses of the staff member's site. */
export function registerCanned(app: App, deps: RouteDeps): void {
  app.get(Routes.canned, requireAuth(deps, { role: 'staff' }), async (c) => {
    return c.json({ items: await deps.domain.listCanned(c.get('principal')) });
  });
  app.post(Routes.canned, requireAuth(deps, { role: 'staff' }), async (c) => {
    const body = await readJson(c, CreateCannedRequest, deps.config.limits.maxBodyBytes);
    return c.json(await deps.domain.createCanned(c.get('principal'), body), 201);
  });
  // Any staff member of the site may delete; another site's id is not_found, like a missing one.
  app.delete(Routes.cannedItem, requireAuth(deps, { role: 'staff' }), async (c) => {
    await deps.domain.deleteCanned(c.get('principal'), readParams(c, IdParams).id);
    return c.json({ ok: true });
  });
}
