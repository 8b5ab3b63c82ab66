import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ParleyError, toWireError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { AppEnv } from './env.ts';

/**
 * Every failure leaves as JSON `{ code, message }` with the status of its code. Unknown errors are
 * logged with the request id and answered as `internal` without details.
 */
export function errorHandler(log: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof ParleyError) return c.json(err.toWire(), err.status as ContentfulStatusCode);
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? 'payload_too_large' : err.status === 401 ? 'unauthorized' : err.status >= 500 ? 'internal' : 'bad_request';
      return c.json({ code, message: err.message || 'The request was refused.' }, err.status as ContentfulStatusCode);
    }
    log.error('request failed', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, err });
    return c.json(toWireError(err), 500);
  };
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) =>
  c.json({ code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` }, 404);
