import type { Context } from 'hono';
import { principalKey } from '../domain/principal.ts';
import type { AppEnv } from './env.ts';

/**
 * Security events (failed logins, limit hits, refused origins and hosts, blocked visitors) are logged
 * as `warn` lines whose message starts with "security:", with `event`, the client `ip` and the
 * principal (`who`, when the caller is signed in): an operator can alert on them or feed fail2ban.
 */
export function whoOf(c: Context<AppEnv>): string | undefined {
  const p = c.get('principal') as Parameters<typeof principalKey>[0] | undefined;
  return p ? principalKey(p) : undefined;
}
