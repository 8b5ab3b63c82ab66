import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ParleyError, toWireError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { ErrorCode } from '../../protocol/index.ts';
import type { AppEnv } from './env.ts';
import { whoOf } from './security-log.ts';

/**
 * Every failure leaves as JSON `{ code, message }` with the status of its code. Unknown errors are
 * logged with the request id and answered as `internal` without details.
 */
export function errorHandler(log: Logger, ipOf: (c: Context<AppEnv>) => string): ErrorHandler<AppEnv> {
  return (err, c) => {
    const refuse = (body: { code: string; message: string }, status: number) => {
      // Refused before the body was read to its end: the rest of it may still be on its way, so this
      // connection is not reused (a client sending its next request on it would find it closed).
      if (status === 413) c.header('Connection', 'close');
      return c.json(body, status as ContentfulStatusCode);
    };
    if (err instanceof ParleyError) {
      const event = SECURITY_EVENTS[err.code];
      // Rate limits and failed logins are logged where they are decided (with the limit, the account); these are refusals of who or where.
      if (event) log.warn(`security: ${event}`, { event: err.code, requestId: c.get('requestId'), ip: ipOf(c), who: whoOf(c), path: c.req.path, origin: c.req.header('origin')?.slice(0, 200) });
      return refuse(err.toWire(), err.status);
    }
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? 'payload_too_large' : err.status === 401 ? 'unauthorized' : err.status >= 500 ? 'internal' : 'bad_request';
      return refuse({ code, message: err.message || 'The request was refused.' }, err.status);
    }
    log.error('request failed', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, err });
    return c.json(toWireError(err), 500);
  };
}

/** Refusals an operator wants to see (and alert on): the log line's message says which. */
const SECURITY_EVENTS: Partial<Record<ErrorCode, string>> = {
  origin_not_allowed: 'origin refused',
  host_not_allowed: 'host refused',
  quota_exceeded: 'upload quota used up',
  too_many_uploads: 'too many uploads',
  forbidden: 'forbidden',
  csrf_failed: 'csrf token missing',
  blocked: 'blocked visitor',
};

export const notFoundHandler: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) =>
  c.json({ code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` }, 404);
