import { Routes } from '../../../protocol/index.ts';
import { ErasureRequestBody, ErasureRequestsQuery, IdParams } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams, readQuery } from '../input.ts';
import { requestIp } from '../rate-limit.ts';

/**
 * Visitors' erasure requests (issue 20): the widget's "Delete my data" asks for the visitor the token
 * names (the body has no fields, so nobody else can be named); the site's admins (and API tokens with
 * the `privacy` scope) list them and confirm (the erasure) or decline.
 */
export function registerErasureRequests(app: App, deps: RouteDeps): void {
  const visitor = requireAuth(deps, { role: 'visitor' });
  const admin = requireAuth(deps, { role: 'admin', apiScope: 'privacy' });
  app.post(Routes.visitorErasureRequest, visitor, async (c) => {
    await readJson(c, ErasureRequestBody, deps.config.limits.maxBodyBytes);
    const request = await deps.domain.erasureRequests.request(c.get('principal'), requestIp(c, deps.config));
    deps.log?.info('erasure requested', { requestId: c.get('requestId'), erasureRequest: request.id });
    return c.json({ request });
  });
  app.get(Routes.visitorErasureRequest, visitor, async (c) => c.json({ request: await deps.domain.erasureRequests.mine(c.get('principal')) }));

  app.get(Routes.privacyErasureRequests, admin, async (c) => {
    const { status } = readQuery(c, ErasureRequestsQuery);
    return c.json({ requests: await deps.domain.erasureRequests.list(c.get('principal'), status) });
  });
  app.post(Routes.privacyErasureConfirm, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    const done = await deps.domain.erasureRequests.confirm(c.get('principal'), id);
    // Counts only: the log must not keep what was just erased.
    deps.log?.info('erasure request confirmed', { requestId: c.get('requestId'), erasureRequest: id, ...done.erased });
    return c.json(done);
  });
  app.post(Routes.privacyErasureDecline, admin, async (c) => {
    const { id } = readParams(c, IdParams);
    const request = await deps.domain.erasureRequests.decline(c.get('principal'), id);
    deps.log?.info('erasure request declined', { requestId: c.get('requestId'), erasureRequest: id });
    return c.json({ request });
  });
}
