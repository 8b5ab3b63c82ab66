import { Routes } from '../../../protocol/index.ts';
import type { App, RouteDeps } from '../env.ts';

/** /healthz: the process answers. /readyz: the store answers and we are not shutting down. */
export function registerHealth(app: App, deps: RouteDeps): void {
  app.get(Routes.health, (c) => c.json({ ok: true }));
  app.get(Routes.ready, async (c) => {
    if (deps.shuttingDown?.()) return c.json({ code: 'shutting_down', message: 'The server is shutting down.' }, 503);
    try {
      await deps.store.ping();
    } catch (err) {
      deps.log.warn('readiness check failed', { err });
      return c.json({ code: 'internal', message: 'The store is not reachable.' }, 503);
    }
    return c.json({ ok: true });
  });
}
