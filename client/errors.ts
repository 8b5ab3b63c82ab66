import type { ClientError, ClientErrorCode } from './api.ts';

/**
 * Errors after which trying the same thing again later can succeed. Everything else (text_too_long,
 * bad_request, forbidden, conflict, ...) fails the same way every time, so it is final.
 */
const RETRYABLE: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>([
  'disconnected',
  'rate_limited',
  'internal',
  'shutting_down',
  'unavailable',
  'not_ready',
  'too_many_connections',
  'slow_consumer',
]);

/** Hello errors that mean "this token will never work": stop retrying until a new token. */
const FATAL_HELLO: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>([
  'unauthorized',
  'token_expired',
  'forbidden',
  'origin_not_allowed',
  'protocol_version',
]);

export const isRetryable = (code: ClientErrorCode): boolean => RETRYABLE.has(code);
export const isFatalHelloError = (code: ClientErrorCode): boolean => FATAL_HELLO.has(code);

export const clientError = (code: ClientErrorCode, message: string): ClientError => ({ code, message });
