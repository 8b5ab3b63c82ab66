import type { Context } from 'hono';
import { createTokenBuckets } from '../net/token-buckets.ts';
import { createApiTokens, type ApiTokens } from '../apitokens/service.ts';
import type { Config } from '../config.ts';
import type { Principal } from '../domain/principal.ts';
import { fail } from '../errors.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/store.ts';
import type { ApiScope } from '../store/api-token-records.ts';
import { crossOriginOf } from './origin-check.ts';

/**
 * `Authorization: Bearer prl_…` on the REST API: the token's site, its scopes, a per-token rate limit,
 * and whom it writes as: itself (a bot named like the token) or, with `Parley-Agent: <staff id>`, a
 * named agent of its site. Scopes: `read` for GET, `write` for every other method, `admin` for the
 * admin routes (and it may act as an admin there), `privacy` for exporting and erasing a visitor (it acts
 * as an admin there, and only there).
 */
export const AGENT_HEADER = 'parley-agent';

export interface ApiTokenAuth {
  tokens: ApiTokens;
  principal(c: Context, secret: string, need: ApiScope): Promise<Principal>;
}

export function createApiTokenAuth(deps: { store: Store; config: Config; now?: () => number; metrics?: Metrics }): ApiTokenAuth {
  const tokens = createApiTokens(deps.store, deps.now);
  const { apiTokenRateBurst: burst, apiTokenRatePerSec: perSec } = deps.config.serverLimits;
  const buckets = createTokenBuckets({ burst, perSec, now: deps.now });
  return {
    tokens,
    async principal(c, secret, need) {
      const token = await tokens.verify(secret);
      // A secret in a web page is a secret published: tokens are for servers, which send no Origin.
      if (crossOriginOf(c, deps.config)) fail('origin_not_allowed', 'API tokens are for server-to-server calls; a browser must not hold one.');
      const verdict = buckets.take(token.id);
      if (!verdict.ok) {
        deps.metrics?.rateLimited.inc({ transport: 'rest', kind: 'api-token' });
        c.header('Retry-After', String(verdict.retryAfterSec));
        fail('rate_limited', `Too many requests with this API token; try again in ${verdict.retryAfterSec} second${verdict.retryAfterSec === 1 ? '' : 's'}.`);
      }
      if (!token.scopes.includes(need)) fail('forbidden', `This API token lacks the "${need}" scope (it has: ${token.scopes.join(', ')}).`);
      const apiToken = { id: token.id, name: token.name, scopes: token.scopes };
      const role = token.scopes.includes('admin') || need === 'privacy' ? ('admin' as const) : ('agent' as const);
      const agentId = c.req.header(AGENT_HEADER);
      if (agentId === undefined || agentId === '') return { kind: 'staff', siteId: token.siteId, staffId: token.id, role, sessionId: `api:${token.id}`, apiToken };
      const agent = agentId.length <= 128 ? await deps.store.getStaff(agentId) : null;
      if (!agent || agent.siteId !== token.siteId) fail('bad_request', 'Parley-Agent must be the id of a staff member of this token\'s site.');
      return { kind: 'staff', siteId: token.siteId, staffId: agent!.id, role, sessionId: `api:${token.id}`, apiToken };
    },
  };
}
