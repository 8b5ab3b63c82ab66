import type { Role } from '../../../protocol/index.ts';
import type { Workspace } from '../../app/workspace.ts';
import { useStore } from '../use-store.ts';

/**
 * My role as the server says it now (the team list the workspace loads), not as it was at sign-in:
 * an admin who promotes or demotes me changes what the settings offer on my next page. The server
 * checks the role on every admin request in any case.
 */
export function useRole(ws: Workspace): Role {
  const staff = useStore(ws.stores.staff);
  return staff.find((s) => s.id === ws.me.id)?.role ?? ws.me.role;
}
