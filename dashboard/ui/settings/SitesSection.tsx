import { useEffect, useState } from 'preact/hooks';
import type { Membership } from '../../../protocol/index.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';
import { CopyBlock } from './CopyBlock.tsx';
import { ServerOwners } from './ServerOwners.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, useAction } from '../use-action.tsx';

/**
 * The sites this person belongs to (one account, a membership on each): their role and unread count
 * on each, and a switch. The server's owner (PARLEY_SERVER_OWNERS, else the first admin) also makes
 * new sites here, becoming their first admin with the password they already have.
 */
function SitesSection({ ws, api, onSwitch }: SectionProps) {
  const [sites, setSites] = useState<Membership[] | null>(null);
  const [canCreate, setCanCreate] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const { busy, status, setStatus, run } = useAction();
  // The new site's identity secret: the create answer is the only time the server shows it.
  const [secret, setSecret] = useState<{ site: string; secret: string } | null>(null);
  const load = () =>
    api.memberships().then(
      (r) => (setSites(r.memberships), setCanCreate(r.canCreateSites), setLoadError(null)),
      (err) => setLoadError(errorText(err)),
    );
  useEffect(() => void load(), [api]);

  if (loadError) return <p class="form-error" role="alert">{loadError}</p>;
  if (!sites) return <p class="muted">{t('common.loading')}</p>;

  // A switch answers with the other site's session, and the whole dashboard follows: no status line.
  const switchTo = (siteId: string) =>
    run(async () => {
      const r = await api.switchSite(siteId);
      onSwitch?.({ csrfToken: r.csrfToken, staff: r.staff, site: r.site });
    });
  const create = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    setSecret(null);
    void run(
      async () => {
        const allowedOrigins = origins.split(/[\s,]+/).filter(Boolean);
        const r = await api.createSite({ name: name.trim(), allowedOrigins, admin: { email: ws.me.email, name: ws.me.name } });
        setName('');
        setOrigins('');
        if (r.site.identitySecret) setSecret({ site: r.site.name, secret: r.site.identitySecret });
        await load();
        return r.site.name;
      },
      (site) => t('sites.created', { site }),
    );
  };

  return (
    <div class="settings-form">
      <p class="muted">{t('sites.intro')}</p>
      <ul class="site-list" data-testid="sites-list">
        {sites.map((s) => (
          <li key={s.siteId} data-site={s.siteId}>
            <span class="site-name">{s.siteName}</span>
            <span class="muted">{t(s.role === 'admin' ? 'sites.admin' : 'sites.agent')}</span>
            {s.unread > 0 && <span class="badge-count" aria-label={t('sites.unread', { n: s.unread })}>{s.unread}</span>}
            {s.current ? (
              <span class="settings-note">{t('sites.current')}</span>
            ) : (
              <button type="button" class="btn btn-sm" disabled={busy} onClick={() => void switchTo(s.siteId)} data-testid="site-switch">
                {t('sites.switch')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canCreate && (
        <form class="settings-form" onSubmit={create} data-testid="site-create-form" noValidate>
          <h3>{t('sites.new')}</h3>
          <p class="muted">{t('sites.newHint')}</p>
          <label class="field">
            <span>{t('sites.name')}</span>
            <input value={name} maxLength={200} required onInput={(e) => (setName(e.currentTarget.value), setStatus(null))} data-testid="site-name" />
          </label>
          <label class="field">
            <span>{t('sites.origins')}</span>
            <input value={origins} placeholder="https://shop.example" maxLength={3000} onInput={(e) => (setOrigins(e.currentTarget.value), setStatus(null))} data-testid="site-origins" />
            <small class="muted">{t('sites.originsHint')}</small>
          </label>
          <button class="btn btn-primary" type="submit" disabled={busy || !name.trim()} data-testid="site-create">
            {t('sites.create')}
          </button>
        </form>
      )}
      {secret && (
        <div class="link-notice" role="status" data-testid="site-secret-notice">
          <p>{t('sites.secretOnce', { site: secret.site })}</p>
          <CopyBlock label={t('identity.secret')} code={secret.secret} testId="site-secret" />
        </div>
      )}
      {canCreate && <ServerOwners api={api} myEmail={ws.me.email} onChanged={() => void load()} />}
      <ActionStatusText status={status} testId="sites-status" />
    </div>
  );
}

export const sitesSection: SettingsSection = { id: 'sites', title: 'settings.sites', adminOnly: false, Component: SitesSection };
