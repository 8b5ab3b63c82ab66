import type { Store } from '../store/store.ts';

/**
 * Remembers where a site's widget runs, for the dashboard's installation check. Every visitor
 * session reports its page origin; this writes at most once per `everyMs` per site and origin, so a
 * busy site costs one small write a minute rather than one per page view. The memory is bounded:
 * past `maxKeys` the oldest entries are forgotten (at worst that costs an extra write).
 */
export function createWidgetSightings(store: Pick<Store, 'recordWidgetSighting'>, now: () => number, everyMs: number, maxKeys = 10_000) {
  const written = new Map<string, number>();
  return {
    async seen(siteId: string, origin: string | null): Promise<void> {
      if (!origin || origin === 'null') return;
      const key = `${siteId} ${origin}`;
      const at = now();
      const last = written.get(key);
      if (last !== undefined && at - last < everyMs) return;
      written.delete(key);
      written.set(key, at);
      if (written.size > maxKeys) written.delete(written.keys().next().value!);
      await store.recordWidgetSighting(siteId, origin, at);
    },
  };
}
