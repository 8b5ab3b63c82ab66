import { useEffect, useState } from 'preact/hooks';
import type { AdminSite, DashboardApi } from '../../api.ts';
import { errorText } from '../../i18n/error-text.ts';

/** The admin's view of the site (GET /admin/sites/:id), reloaded by `reload`, replaced by `set` after a save. */
export function useSite(api: DashboardApi, siteId: string) {
  const [site, set] = useState<AdminSite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    api.site(siteId).then(
      (r) => live && (set(r.site), setError(null)),
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [siteId, n]);
  return { site, set, error, reload: () => setN((x) => x + 1) };
}
