import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Routes } from '../../../protocol/index.ts';
import { StreamOpenQuery, StreamParams, StreamPost } from '../../../protocol/schema/index.ts';
import { isApiTokenSecret } from '../../apitokens/service.ts';
import { principalKey } from '../../domain/principal.ts';
import { fail } from '../../errors.ts';
import { hardFrameLimit } from '../../realtime/validate.ts';
import { checkOrigin, findToken } from '../auth-middleware.ts';
import { readLimitedBody } from '../body-limit.ts';
import type { App, RouteDeps } from '../env.ts';
import { readJson, readParams, readQuery } from '../input.ts';

/**
 * The HTTP fallback of /ws (docs/protocol.md, HTTP fallback): these routes only read and check the
 * request; the realtime gateway's streams (server/realtime/stream/) run the connection.
 * - POST /realtime/stream?site=KEY, body: the hello frame. The answer is the event stream itself; the
 *   hello's token is checked by the session exactly as on a WebSocket (an error frame, then `close`).
 * - POST /realtime/stream/:id: frames or a pong, with the usual credentials (Bearer token; staff: the
 *   session cookie). The stream id is 144 random bits that only the reader of the stream has, so it is
 *   also what stops another site's page from posting with the cookie (as a CSRF token would).
 */
export function registerRealtimeStream(app: App, deps: RouteDeps): void {
  const streams = () => deps.streams ?? fail('unavailable', 'Realtime streams are not served by this server.');

  app.post(Routes.realtimeStream, async (c) => {
    const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
    if (!env?.incoming || !env.outgoing) return fail('unavailable', 'Realtime streams need the Node server.');
    readQuery(c, StreamOpenQuery);
    const hello = await readLimitedBody(c, hardFrameLimit(deps.config.limits.maxFrameBytes), 'The hello frame');
    const prepared = new Headers(c.res.headers); // what the middleware set: request id, CORS
    const refused = await streams().open({ req: env.incoming, res: env.outgoing, url: new URL(c.req.url), headers: prepared, hello });
    if (refused) return c.json({ code: refused.code, message: refused.message }, refused.status as 403);
    // The stream writes the response itself; the marker must not be merged with the prepared headers
    // (a merged copy loses what tells the Node adapter to leave the response alone).
    c.res = undefined as never;
    c.res = RESPONSE_ALREADY_SENT;
    return c.res;
  });

  app.post(Routes.realtimeStreamPost, async (c) => {
    const { id } = readParams(c, StreamParams);
    const post = await readJson(c, StreamPost, deps.config.serverLimits.streamMaxPostBytes);
    const max = deps.config.serverLimits.streamMaxFramesPerPost;
    if ((post.seq === undefined) !== (post.frames === undefined)) fail('bad_request', 'seq and frames go together: a numbered batch of frames.');
    if (post.frames === undefined && post.pong === undefined) fail('bad_request', 'Send frames (with their seq) or a pong.');
    if (post.frames && post.frames.length > max) fail('bad_request', `At most ${max} frames per POST.`);
    const who = await caller(c, deps);
    const answer = await streams().post(id, who, post);
    return c.json(answer.body as object, answer.status as 202);
  });
}

/** Who posts: the same credentials and Origin rules as any REST call (no API tokens: they never open sockets). */
async function caller(c: Context, deps: RouteDeps): Promise<string> {
  const { token, fromCookie } = findToken(c);
  if (!token) return fail('unauthorized', 'Send Authorization: Bearer <token> (staff: the session cookie).');
  if (!fromCookie && isApiTokenSecret(token)) return fail('forbidden', 'API tokens cannot use realtime streams.');
  const p = await deps.auth.verifyAccessToken(token);
  if (fromCookie && p.kind !== 'staff') fail('unauthorized', 'The session cookie is for staff only.');
  if (fromCookie && c.req.header('sec-fetch-site') === 'cross-site') fail('origin_not_allowed', 'Cross-site requests with the staff session cookie are refused.');
  await checkOrigin(c, deps, p);
  return principalKey(p);
}
