import { Routes } from '../../../protocol/index.ts';
import { BlockVisitorRequest, IdParams } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams } from '../input.ts';

/** Staff block a visitor (and their last address), list and lift blocks (server/domain/blocks.ts). */
export function registerBlocks(app: App, deps: RouteDeps): void {
  const staff = requireAuth(deps, { role: 'staff' });
  app.post(Routes.visitorBlock, staff, async (c) => {
    const { ip } = await readJson(c, BlockVisitorRequest, deps.config.limits.maxBodyBytes);
    return c.json({ blocks: await deps.domain.blockVisitor(c.get('principal'), readParams(c, IdParams).id, { ip: ip === true }) }, 201);
  });
  app.get(Routes.blocks, staff, async (c) => c.json({ blocks: await deps.domain.listBlocks(c.get('principal')) }));
  app.delete(Routes.block, staff, async (c) => {
    await deps.domain.unblock(c.get('principal'), readParams(c, IdParams).id);
    return c.json({ ok: true });
  });
}
