import type { MiddlewareHandler } from 'hono';
import { Routes } from '../../protocol/index.ts';
import { fail } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * Requests with a body to /api must say it is JSON (`Content-Type: application/json`), else
 * `415 unsupported_media_type`. A page on another origin can send a "simple" cross-site POST
 * (text/plain, form-encoded) without a CORS preflight; a JSON body is not simple, so it cannot reach
 * a route without the browser asking first (issue 17: a text/plain POST with the staff cookie created
 * an admin). The two routes that take other bodies check their own type: uploads (multipart) and
 * inbound email (raw MIME).
 */
const OTHER_BODIES = new Set<string>([Routes.attachments, Routes.emailInbound]);
const JSON_TYPE = /^application\/json\s*(;|$)/i;

export function jsonOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || OTHER_BODIES.has(c.req.path)) return next();
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && !JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      fail('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
    }
    await next();
  };
}
