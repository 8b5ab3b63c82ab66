import { Routes } from '../../../protocol/index.ts';
import { ParleyError } from '../../errors.ts';
import type { App, RouteDeps } from '../env.ts';

/**
 * /healthz: the process answers. /readyz: this process can serve, which a load balancer uses to take
 * it out of rotation: not shutting down, the store answers and its writes are not failing (a lock held
 * by another process, a timeout), and the bus carries messages (with Redis: it is reachable; without a
 * bus this process's clients would miss what other processes commit until the store is polled).
 * Answers 200 `{ ok, store, bus }`, or 503 `{ code, message, store, bus }` saying which part is down.
 */
export function registerHealth(app: App, deps: RouteDeps): void {
  app.get(Routes.health, (c) => c.json({ ok: true }));
  app.get(Routes.ready, async (c) => {
    if (deps.shuttingDown?.()) return c.json({ code: 'shutting_down', message: 'The server is shutting down.' }, 503);
    let store: 'ok' | string = 'ok';
    try {
      await deps.store.ping();
    } catch (err) {
      deps.log.warn('readiness check failed', { part: 'store', err });
      store = err instanceof ParleyError ? err.message : 'The store is not reachable.';
    }
    const bus = !deps.bus || deps.bus.up ? 'ok' : `The bus (${deps.bus.kind}) is not reachable.`;
    if (store === 'ok' && bus === 'ok') return c.json({ ok: true, store, bus });
    const message = [store, bus].filter((s) => s !== 'ok').join(' ');
    return c.json({ code: 'unavailable', message, store: store === 'ok' ? 'ok' : 'down', bus: bus === 'ok' ? 'ok' : 'down' }, 503);
  });
}
