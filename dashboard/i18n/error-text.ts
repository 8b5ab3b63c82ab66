import { t } from './index.ts';

/**
 * What to tell the agent when a request failed: the common cases in their language, anything
 * specific (a validation message) in the server's own words, which name the field at fault.
 */
export function errorText(err: unknown): string {
  const e = (err ?? {}) as { code?: string; status?: number; message?: string };
  if (e.status === 0) return t('error.network');
  if (e.code === 'rate_limited') return t('error.rateLimited');
  if (e.code === 'forbidden' || e.code === 'origin_not_allowed') return t('error.forbidden');
  if (e.code === 'not_found') return t('error.notFound');
  if (e.code === 'internal' || (e.status ?? 0) >= 500) return t('error.server');
  return e.message || t('common.failed');
}

/**
 * The server's stable code for a refusal (protocol/ error codes), shown beside its sentence so an admin
 * can look it up or quote it. None when the server never answered (status 0: the network failed).
 */
export function errorCode(err: unknown): string | undefined {
  const e = (err ?? {}) as { code?: unknown; status?: number };
  return typeof e.code === 'string' && e.code && e.status !== 0 ? e.code : undefined;
}
