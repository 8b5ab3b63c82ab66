import { useEffect, useState } from 'preact/hooks';
import type { Membership } from '../../protocol/index.ts';
import type { Session } from '../app/session.ts';
import type { Workspace } from '../app/workspace.ts';
import { t } from '../i18n/index.ts';

/**
 * How often the other sites' unread counts are read again. They are polled, not pushed: the staff
 * socket is a session on one site and carries that site's feed only (server/realtime/live-feed.ts
 * listens to one siteId; its `unread` event counts this site), so nothing about the other sites ever
 * reaches it. Pushing them would mean listening to every site of the person's memberships on each
 * connection, with authorization per site, for a number shown in a menu; a minute's lag, cut short
 * whenever the menu gets focus (onFocus below), is what that number needs.
 */
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
