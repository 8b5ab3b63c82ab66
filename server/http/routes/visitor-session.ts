import { Routes } from '../../../protocol/index.ts';
import type { App, RouteDeps } from '../env.ts';
import { visitorContext } from '../schemas.ts';
import { readJson, v } from '../validate.ts';

const sessionBody = v.object({
  siteKey: v.string({ min: 1, max: 200 }),
  visitorToken: v.optional(v.string({ max: 4096 })),
  userToken: v.optional(v.string({ max: 8192 })),
  context: v.optional(visitorContext),
});

/** POST /api/v1/visitor/session: the widget's first call (anonymous, returning or identified visitor). */
export function registerVisitorSession(app: App, deps: RouteDeps): void {
  app.post(Routes.visitorSession, deps.writeLimit.perIp('visitor-session'), async (c) => {
    const body = await readJson(c, sessionBody, deps.config.limits.maxBodyBytes);
    const session = await deps.auth.openVisitorSession(body, c.req.header('origin') ?? null);
    // Identify or a new page changed what staff see of this visitor. Telling them is best effort:
    // the session is open either way, and the dashboard reloads visitors through REST when it must.
    await deps.domain.visitorChanged(session.visitor.id).catch((err) => deps.log.warn('visitor.updated not published', { requestId: c.get('requestId'), err }));
    return c.json(session);
  });
}
