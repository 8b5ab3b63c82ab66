import type { TObject, TSchema } from 'typebox';
import type { ErrorCode } from '../errors.ts';

/**
 * One REST route as the OpenAPI document describes it: the schemas its handler checks its input with
 * (the same constants), who may call it, what it answers, and an example request that the OpenAPI test
 * sends to a real server.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono's form, as in protocol/rest.ts Routes: /api/v1/conversations/:id */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call: `none` (public), a visitor token, staff (agents and admins), admins, or either. */
  auth: 'none' | 'visitor' | 'staff' | 'admin' | 'any' | 'metrics';
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  /** How the body travels when it is not JSON. */
  bodyType?: 'multipart' | 'form' | 'mime';
  response: { status: number; description: string; schema?: TSchema; contentType?: string };
  /** Codes this route answers besides bad_request/unauthorized/forbidden (listed for every route). */
  errors?: ErrorCode[];
  example?: { body?: unknown; query?: Record<string, string> };
}
