import { Routes } from '../../../protocol/index.ts';
import { PrivacyLookup } from '../../../protocol/schema/index.ts';
import { contentDisposition } from '../../attachments/content-disposition.ts';
import { exportArchive } from '../../privacy/archive.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson } from '../input.ts';

/**
 * Privacy requests (issue 20) for admins and API tokens with the `privacy` scope: the person is named in
 * the body, never in the URL (an email in a URL ends up in access logs).
 */
export function registerPrivacy(app: App, deps: RouteDeps): void {
  const admin = requireAuth(deps, { role: 'admin', apiScope: 'privacy' });
  app.post(Routes.privacyExport, admin, async (c) => {
    const lookup = await readJson(c, PrivacyLookup, deps.config.limits.maxBodyBytes);
    const collected = await deps.domain.exportVisitor(c.get('principal'), lookup);
    deps.log?.info('privacy export', { requestId: c.get('requestId'), visitors: collected.data.visitors.map((v) => v.visitor.id), files: collected.files.length });
    const name = `parley-export-${collected.data.visitors[0].visitor.id}.tar`;
    return new Response(exportArchive(collected, deps.attachmentStorage), {
      headers: { 'content-type': 'application/x-tar', 'content-disposition': contentDisposition('attachment', name), 'cache-control': 'no-store' },
    });
  });
  app.post(Routes.privacyErase, admin, async (c) => {
    const lookup = await readJson(c, PrivacyLookup, deps.config.limits.maxBodyBytes);
    const erased = await deps.domain.eraseVisitor(c.get('principal'), lookup);
    // Counts only: the log must not keep what was just erased.
    deps.log?.info('privacy erasure', { requestId: c.get('requestId'), ...erased });
    return c.json({ erased });
  });
}
