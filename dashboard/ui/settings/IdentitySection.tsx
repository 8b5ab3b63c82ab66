import { useState } from 'preact/hooks';
import { dateTime, t } from '../../i18n/index.ts';
import { ConfirmAction } from '../ConfirmAction.tsx';
import { CopyBlock } from './CopyBlock.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';

/**
 * Identified visitors: the secret the site's backend signs user JWTs with (shown once, at a rotation),
 * rotation with a grace period in which the old secret still works, and "require identified visitors".
 */
function IdentitySection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const [shown, setShown] = useState<string | null>(null);
  const { busy, status, run } = useAction();
  /** The switch as clicked, until the server has answered (so the box does not flip back meanwhile). */
  const [pending, setPending] = useState<boolean | null>(null);
  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!site) return <p class="muted">{t('common.loading')}</p>;

  // The new secret is its own confirmation (shown once, below): no status line for it.
  const rotate = () =>
    void run(async () => {
      const r = await api.updateSite(siteId, { rotateIdentitySecret: true });
      setShown(r.site.identitySecret ?? null);
      const { identitySecret: _once, ...rest } = r.site;
      set(rest);
    });
  const setRequired = (on: boolean) => {
    setPending(on);
    const save = async () => set((await api.updateSite(siteId, { settings: { ...site.settings, requireIdentified: on } })).site);
    void run(save, t(on ? 'identity.requiredOn' : 'identity.requiredOff')).finally(() => setPending(null));
  };

  return (
    <div class="settings-form">
      <p class="muted">{t('identity.intro')}</p>
      <p data-testid="identity-hint">{t('identity.hint', { hint: site.identitySecretHint })}</p>
      {site.previousIdentityUntil && <p class="settings-note" data-testid="identity-grace">{t('identity.grace', { when: dateTime(site.previousIdentityUntil) })}</p>}
      {shown && (
        <div class="link-notice" role="status">
          <p>{t('identity.once')}</p>
          <CopyBlock label={t('identity.secret')} code={shown} testId="identity-secret" />
        </div>
      )}
      <div>
        <ConfirmAction class="btn btn-secondary" disabled={busy} question={t('identity.rotateQuestion')} confirmLabel={t('identity.rotateConfirm')} onConfirm={rotate} testId="identity-rotate">
          {t('identity.rotate')}
        </ConfirmAction>
      </div>
      <label class="choice">
        <input type="checkbox" checked={pending ?? site.settings.requireIdentified === true} disabled={busy} onChange={(e) => setRequired(e.currentTarget.checked)} data-testid="identity-require" />
        {t('identity.require')}
      </label>
      <small class="muted">{t('identity.requireHint')}</small>
      <ActionStatusText status={status} testId="identity-status" />
    </div>
  );
}

export const identitySection: SettingsSection = { id: 'identity', title: 'settings.identity', adminOnly: true, Component: IdentitySection };
