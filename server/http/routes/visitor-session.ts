import { Routes } from '../../../protocol/index.ts';
import { fail } from '../../errors.ts';
import type { App, RouteDeps } from '../env.ts';
import { checkNotBlocked } from '../../domain/blocks.ts';
import { requestIp } from '../rate-limit.ts';
import { ChallengeQuery, VisitorSessionRequest } from '../../../protocol/schema/index.ts';
import { readJson, readQuery } from '../input.ts';

/** POST /api/v1/visitor/session: the widget's first call (anonymous, returning or identified visitor). */
export function registerVisitorSession(app: App, deps: RouteDeps): void {
  app.get(Routes.visitorChallenge, async (c) => {
    const { siteKey } = readQuery(c, ChallengeQuery);
    const site = await deps.store.getSiteByKey(siteKey);
    if (!site) return fail('not_found', 'Unknown site key.');
    return c.json(deps.proofOfWork.challenge(site.id, site.settings.proofOfWork ?? 0));
  });

  app.post(Routes.visitorSession, deps.writeLimit.perIp('visitor-session'), async (c) => {
    const body = await readJson(c, VisitorSessionRequest, deps.config.limits.maxBodyBytes);
    const contextBytes = body.context ? Buffer.byteLength(JSON.stringify(body.context)) : 0;
    const maxContext = deps.config.serverLimits.maxContextBytes;
    if (contextBytes > maxContext) fail('bad_request', `The page context is ${contextBytes} bytes; at most ${maxContext} are kept (shorten attributes or titles).`);
    // A blocked address gets no session at all; a blocked visitor (their token) none either.
    const ip = requestIp(c, deps.config);
    const site = await deps.store.getSiteByKey(body.siteKey);
    if (site) await checkNotBlocked(deps.store, site.id, { ip });
    // A site under attack asks new visitors for work first; a visitor returning with their token does none.
    const bits = site?.settings.proofOfWork ?? 0;
    if (site && bits > 0 && !(await isReturningVisitor(deps, site.id, body.visitorToken))) deps.proofOfWork.verify(site.id, bits, body.pow);
    const origin = c.req.header('origin') ?? null;
    const session = await deps.auth.openVisitorSession(body, origin);
    await checkNotBlocked(deps.store, session.visitor.siteId, { visitorId: session.visitor.id });
    await deps.store.recordVisitorAddress(session.visitor.id, ip, (deps.now ?? Date.now)());
    // Only a session that opened counts as a sighting, so the origin was one the site allows.
    await deps.domain.widgetSeen(session.visitor.siteId, origin).catch((err) => deps.log.warn('widget sighting not stored', { requestId: c.get('requestId'), err }));
    // Identify or a new page changed what staff see of this visitor. Telling them is best effort:
    // the session is open either way, and the dashboard reloads visitors through REST when it must.
    await deps.domain.visitorChanged(session.visitor.id).catch((err) => deps.log.warn('visitor.updated not published', { requestId: c.get('requestId'), err }));
    return c.json(session);
  });
}

async function isReturningVisitor(deps: RouteDeps, siteId: string, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const p = await deps.auth.verifyAccessToken(token).catch(() => null);
  return p?.kind === 'visitor' && p.siteId === siteId;
}
