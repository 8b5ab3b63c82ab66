import { useEffect } from 'preact/hooks';
import type { Router } from '../../app/route.ts';
import { routePath } from '../../app/route.ts';
import type { Workspace } from '../../app/workspace.ts';
import type { Session } from '../../app/session.ts';
import { t } from '../../i18n/index.ts';
import { useStore } from '../use-store.ts';
import { sectionsFor, SECTIONS } from './sections.ts';
import { useRole } from './use-role.ts';

interface Props {
  ws: Workspace;
  router: Router;
  section: string | null;
  onSwitch?: (s: Session) => void;
}

/** Side by side on a wide screen; on a phone, the list of sections, then one section at a time. */
const wide = () => typeof matchMedia === 'function' && matchMedia('(min-width: 721px)').matches;

/** The settings area: the sections this member may open, and the open one. */
export function SettingsView({ ws, router, section, onSwitch }: Props) {
  const site = useStore(ws.stores.site);
  const role = useRole(ws);
  const isAdmin = role === 'admin';
  const list = sectionsFor(role);
  const current = SECTIONS.find((s) => s.id === section);

  useEffect(() => {
    if (section === null && wide() && list[0]) router.go({ page: 'settings', section: list[0].id }, true);
  }, [section]);

  const link = (to: Parameters<Router['go']>[0]) => ({
    href: routePath(to),
    onClick: (e: MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      router.go(to);
    },
  });
  const back = { page: 'inbox', conversationId: ws.stores.selected.get() } as const;

  return (
    <div class="settings" data-open={section ? 'section' : 'list'} data-testid="settings">
      <nav class="settings-nav" aria-label={t('settings.sections')}>
        <a class="settings-back" {...link(back)} data-testid="settings-back">
          ← {t('settings.back')}
        </a>
        <h2>{t('settings.title')}</h2>
        <ul>
          {list.map((s) => (
            <li key={s.id}>
              <a {...link({ page: 'settings', section: s.id })} aria-current={s.id === section ? 'page' : undefined} data-testid={`settings-nav-${s.id}`}>
                {t(s.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="settings-main" id="conversation-main" tabIndex={-1}>
        {section && (
          <a class="settings-up" {...link({ page: 'settings', section: null })} data-testid="settings-up">
            ← {t('settings.allSections')}
          </a>
        )}
        {!current ? (
          section && <p class="settings-note" data-testid="settings-unknown">{t('settings.unknown')}</p>
        ) : current.adminOnly && !isAdmin ? (
          <p class="settings-note" role="alert" data-testid="settings-denied">
            {t('settings.adminOnly', { site: site.name })}
          </p>
        ) : (
          <section class="settings-section" aria-labelledby="settings-section-title" data-testid={`settings-section-${current.id}`}>
            <h2 id="settings-section-title">{t(current.title)}</h2>
            <current.Component ws={ws} api={ws.api} siteId={site.id ?? ''} onSwitch={onSwitch} />
          </section>
        )}
      </main>
    </div>
  );
}
