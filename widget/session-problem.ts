import { RestError } from './session.ts';

/**
 * Why the visitor session could not be opened, as the visitor is told:
 *   'unreachable' the server did not answer (down, restarting, overloaded, network): keep trying;
 *   'embed'       the embed itself is wrong (unknown site key, origin not allowed): the site owner must
 *                 fix it, so the visitor gets a neutral line and the console says what to change;
 *   'rejected'    the site's user token was refused: a reload (a fresh token) may help.
 */
export type SessionProblem = 'unreachable' | 'embed' | 'rejected';

export function sessionProblem(e: unknown): SessionProblem {
  if (!(e instanceof RestError) || e.status >= 500 || e.status === 429) return 'unreachable';
  if (e.code === 'origin_not_allowed' || e.code === 'not_found' || e.code === 'bad_request') return 'embed';
  return 'rejected';
}
