import { useEffect, useState } from 'preact/hooks';
import type { AdminSite, DashboardApi } from '../../api.ts';
import { failure, type ActionStatus } from '../use-action.tsx';

/**
 * The admin's view of the site (GET /admin/sites/:id), reloaded by `reload`, replaced by `set` after a
 * save. A refused read is an ActionStatus (the server's sentence and its code), like every other
 * dashboard load, so a section shows it with LoadFailure and offers `reload` as the retry.
 */
export function useSite(api: DashboardApi, siteId: string) {
  const [site, set] = useState<AdminSite | null>(null);
  const [error, setError] = useState<ActionStatus | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    api.site(siteId).then(
      (r) => live && (set(r.site), setError(null)),
      (err) => live && setError(failure(err)),
    );
    return () => {
      live = false;
    };
  }, [siteId, n]);
  return { site, set, error, reload: () => (setError(null), setN((x) => x + 1)) };
}
