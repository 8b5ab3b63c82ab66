import { useEffect, useState } from 'preact/hooks';
import type { Membership } from '../../protocol/index.ts';
import type { Session } from '../app/session.ts';
import type { Workspace } from '../app/workspace.ts';
import { t } from '../i18n/index.ts';

/** How often the other sites' unread counts are read again (only this site's are pushed live). */
const REFRESH_MS = 60_000;

/**
 * For someone who belongs to several sites: which one this is, the others with their unread counts,
 * and a switch (a session on the other site). Hidden for people with one site.
 */
export function SiteSwitcher({ ws, onSwitch }: { ws: Workspace; onSwitch: (s: Session) => void }) {
  const [sites, setSites] = useState<Membership[]>([]);
  const load = () => ws.api.memberships().then((r) => setSites(r.memberships), () => {});
  useEffect(() => {
    void load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [ws]);
  if (sites.length < 2) return null;
  const current = sites.find((s) => s.current);
  const choose = async (siteId: string) => {
    if (siteId === current?.siteId) return;
    const r = await ws.api.switchSite(siteId);
    onSwitch({ csrfToken: r.csrfToken, staff: r.staff, site: r.site });
  };
  return (
    <label class="site-switcher">
      <span class="sr-only">{t('sites.label')}</span>
      <select value={current?.siteId} onFocus={load} onChange={(e) => void choose(e.currentTarget.value)} aria-label={t('sites.label')} data-testid="site-switcher">
        {sites.map((s) => (
          <option key={s.siteId} value={s.siteId} data-unread={s.unread}>
            {s.current || s.unread === 0 ? s.siteName : t('sites.withUnread', { site: s.siteName, n: s.unread })}
          </option>
        ))}
      </select>
    </label>
  );
}
