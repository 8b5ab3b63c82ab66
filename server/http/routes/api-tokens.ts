import { Routes } from '../../../protocol/index.ts';
import { CreateApiTokenRequest, IdParams, IdentifyVisitorRequest } from '../../../protocol/schema/index.ts';
import type { Principal } from '../../domain/principal.ts';
import type { ApiTokenRecord } from '../../store/api-token-records.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams } from '../input.ts';

/** Admins manage their site's API tokens (the secret is answered once, on creation); integrations make visitors. */
export function registerApiTokens(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin' });
  const tokens = deps.apiTokenAuth.tokens;
  const shown = ({ siteId: _site, ...t }: ApiTokenRecord) => t;
  const by = (p: Principal) => (p.kind === 'staff' ? (p.apiToken ? p.apiToken.id : p.staffId) : null);

  app.get(Routes.adminApiTokens, admin, async (c) => c.json({ tokens: (await tokens.list(c.get('principal').siteId)).map(shown) }));

  app.post(Routes.adminApiTokens, admin, async (c) => {
    const body = await readJson(c, CreateApiTokenRequest, deps.config.limits.maxBodyBytes);
    const p = c.get('principal');
    const { secret, token } = await tokens.create(p.siteId, body, by(p));
    deps.log.info('api token created', { requestId: c.get('requestId'), siteId: p.siteId, tokenId: token.id, scopes: token.scopes, by: by(p) });
    return c.json({ token: shown(token), secret }, 201);
  });

  app.delete(Routes.adminApiToken, admin, async (c) => {
    const p = c.get('principal');
    const { id } = readParams(c, IdParams);
    await tokens.revoke(p.siteId, id);
    deps.log.info('api token revoked', { requestId: c.get('requestId'), siteId: p.siteId, tokenId: id, by: by(p) });
    return c.json({ ok: true });
  });

  app.post(Routes.visitors, requireAuth(deps, { role: 'staff' }), async (c) => {
    const body = await readJson(c, IdentifyVisitorRequest, deps.config.limits.maxBodyBytes);
    const result = await deps.domain.identifyVisitor(c.get('principal'), body);
    return c.json(result, result.created ? 201 : 200);
  });
}
