import { Routes, type SendMessageResponse } from '../../../protocol/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { id } from '../schemas.ts';
import { query, readJson, v } from '../validate.ts';

/**
 * History by seq cursor, send (idempotent on clientId, exactly as over the WebSocket: a resend
 * answers the first result and creates nothing), delete (staff), mark read.
 */
export function registerMessages(app: App, deps: RouteDeps): void {
  const limits = deps.config.limits;
  const sendBody = v.object({
    clientId: id,
    // The domain checks the length (text_too_long) so REST and ws give the same error.
    text: v.string({ max: limits.maxTextLength * 2 }),
    attachmentIds: v.optional(v.array(id, { max: limits.maxAttachmentsPerMessage })),
    note: v.optional(v.boolean()),
  });
  const readBody = v.object({ seq: v.int({ min: 0 }) });

  app.get(Routes.messages, requireAuth(deps), async (c) => {
    const page = await deps.domain.history(c.get('principal'), c.req.param('id'), {
      before: query.int(c, 'before', { min: 0 }),
      after: query.int(c, 'after', { min: 0 }),
      limit: query.int(c, 'limit', { min: 1 }),
    });
    return c.json(page);
  });

  app.post(Routes.messages, requireAuth(deps), deps.writeLimit.perPrincipal('send'), async (c) => {
    const body = await readJson(c, sendBody, limits.maxBodyBytes);
    const result: SendMessageResponse = await deps.domain.sendMessage(c.get('principal'), { ...body, conversationId: c.req.param('id') });
    return c.json(result);
  });

  app.delete(Routes.message, requireAuth(deps, { role: 'staff' }), async (c) => {
    return c.json(await deps.domain.deleteMessage(c.get('principal'), c.req.param('id'), c.req.param('messageId')));
  });

  app.post(Routes.read, requireAuth(deps), async (c) => {
    const { seq } = await readJson(c, readBody, limits.maxBodyBytes);
    return c.json(await deps.domain.markRead(c.get('principal'), c.req.param('id'), seq));
  });
}
