import { Routes } from '../../../protocol/index.ts';
import { fail } from '../../errors.ts';
import type { App, RouteDeps } from '../env.ts';
import { checkNotBlocked } from '../../domain/blocks.ts';
import { requestIp } from '../rate-limit.ts';
import { VisitorSessionRequest } from '../../../protocol/schema/index.ts';
import { readJson } from '../input.ts';

/** POST /api/v1/visitor/session: the widget's first call (anonymous, returning or identified visitor). */
export function registerVisitorSession(app: App, deps: RouteDeps): void {
  app.post(Routes.visitorSession, deps.writeLimit.perIp('visitor-session'), async (c) => {
    const body = await readJson(c, VisitorSessionRequest, deps.config.limits.maxBodyBytes);
    const contextBytes = body.context ? Buffer.byteLength(JSON.stringify(body.context)) : 0;
    const maxContext = deps.config.serverLimits.maxContextBytes;
    if (contextBytes > maxContext) fail('bad_request', `The page context is ${contextBytes} bytes; at most ${maxContext} are kept (shorten attributes or titles).`);
    // A blocked address gets no session at all; a blocked visitor (their token) none either.
    const ip = requestIp(c, deps.config);
    const site = await deps.store.getSiteByKey(body.siteKey);
    if (site) await checkNotBlocked(deps.store, site.id, { ip });
    const session = await deps.auth.openVisitorSession(body, c.req.header('origin') ?? null);
    await checkNotBlocked(deps.store, session.visitor.siteId, { visitorId: session.visitor.id });
    await deps.store.recordVisitorAddress(session.visitor.id, ip, (deps.now ?? Date.now)());
    // Identify or a new page changed what staff see of this visitor. Telling them is best effort:
    // the session is open either way, and the dashboard reloads visitors through REST when it must.
    await deps.domain.visitorChanged(session.visitor.id).catch((err) => deps.log.warn('visitor.updated not published', { requestId: c.get('requestId'), err }));
    return c.json(session);
  });
}
