import { CloseCodes } from '../../protocol/index.ts';
import { checkNotBlocked } from '../domain/blocks.ts';
import type { Principal } from '../domain/principal.ts';
import { ParleyError, toWireError } from '../errors.ts';
import type { SessionDeps } from './connection.ts';
import type { RealtimeSocket } from './socket.ts';

/** What the check needs of the socket's session. */
export interface CheckedSocket {
  readonly id: string;
  readonly ip: string | undefined;
  readonly ws: RealtimeSocket;
  isClosed(): boolean;
}

/**
 * A socket outlives the moment its token was checked: on each heartbeat (and when one of the member's
 * sessions ends) it is checked again, so a logged-out staff session (4011) or an expired token (4001)
 * does not keep listening, and a visitor blocked since hello is closed (4003). The token cannot change
 * on a socket, so its signature is not verified again: only its expiry (from the claims read at hello)
 * and, for staff, the session row that logout revokes.
 */
export async function recheckToken(deps: SessionDeps, socket: CheckedSocket, principal: Principal | null, expiresAt: number): Promise<void> {
  try {
    if (principal) await deps.auth.recheck(principal, expiresAt);
    // Blocked by staff since hello: the socket closes here (its sends are refused at once anyway).
    if (principal?.kind === 'visitor') await checkNotBlocked(deps.store, principal.siteId, { visitorId: principal.visitorId, ip: socket.ip });
  } catch (err) {
    if (!socket.isClosed() && err instanceof ParleyError && err.code === 'blocked') return void socket.ws.close(CloseCodes.forbidden, 'blocked');
    // Only a verdict on the token closes the socket; a passing store hiccup does not.
    if (socket.isClosed() || !(err instanceof ParleyError) || (err.code !== 'unauthorized' && err.code !== 'token_expired')) return;
    const expired = err.code === 'token_expired';
    deps.log.info('token no longer valid, closing', { conn: socket.id, code: toWireError(err).code });
    socket.ws.close(expired ? CloseCodes.unauthorized : CloseCodes.replaced, toWireError(err).code);
  }
}
