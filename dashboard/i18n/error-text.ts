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
