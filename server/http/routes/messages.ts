import { NEW_CONVERSATION, Routes, type SendMessageResponse } from '../../../protocol/index.ts';
import { HistoryQuery, IdParams, MessageParams, ReadRequest, SendMessageRequest } from '../../../protocol/schema/index.ts';
import { requireAuth } from '../auth-middleware.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams, readQuery } from '../input.ts';
import { requestIp } from '../rate-limit.ts';

/**
 * History by seq cursor, send (idempotent on clientId, exactly as over the WebSocket: a resend
 * answers the first result and creates nothing), delete (staff), mark read.
 */
export function registerMessages(app: App, deps: RouteDeps): void {
  const max = deps.config.limits.maxBodyBytes;

  app.get(Routes.messages, requireAuth(deps), async (c) => {
    return c.json(await deps.domain.history(c.get('principal'), readParams(c, IdParams).id, readQuery(c, HistoryQuery)));
  });

  app.post(Routes.messages, requireAuth(deps), deps.writeLimit.perPrincipal('send'), async (c) => {
    const { id } = readParams(c, IdParams);
    const body = await readJson(c, SendMessageRequest, max);
    // `new` (visitors): the message starts a new conversation; the answer's conversationId names it.
    const target = id === NEW_CONVERSATION ? { newConversation: true } : { conversationId: id };
    const result: SendMessageResponse = await deps.domain.sendMessage(c.get('principal'), { ...body, ...target, ip: requestIp(c, deps.config) });
    return c.json(result);
  });

  app.delete(Routes.message, requireAuth(deps, { role: 'staff' }), async (c) => {
    const { id, messageId } = readParams(c, MessageParams);
    return c.json(await deps.domain.deleteMessage(c.get('principal'), id, messageId));
  });

  app.post(Routes.read, requireAuth(deps), async (c) => {
    const { id } = readParams(c, IdParams);
    const { seq } = await readJson(c, ReadRequest, max);
    return c.json(await deps.domain.markRead(c.get('principal'), id, seq));
  });
}
