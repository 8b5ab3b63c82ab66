import type { ClientOptions } from './api.ts';

export type ResolvedOptions = Required<ClientOptions>;

export const DEFAULT_CLIENT_OPTIONS: ResolvedOptions = {
  backoffBaseMs: 500,
  backoffCapMs: 30_000,
  stableAfterMs: 5_000,
  connectTimeoutMs: 15_000,
  heartbeatMarginMs: 5_000,
  probeTimeoutMs: 5_000,
};

export function resolveOptions(opts: ClientOptions = {}): ResolvedOptions {
  const out = { ...DEFAULT_CLIENT_OPTIONS };
  for (const k of Object.keys(out) as (keyof ResolvedOptions)[]) {
    const v = opts[k];
    if (typeof v === 'number' && v >= 0) out[k] = v;
  }
  return out;
}
