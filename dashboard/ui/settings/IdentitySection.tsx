import { useState } from 'preact/hooks';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { CopyBlock } from './CopyBlock.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { useSite } from './use-site.ts';

/**
 * Identified visitors: the secret the site's backend signs user JWTs with (shown once, at a rotation),
 * rotation with a grace period in which the old secret still works, and "require identified visitors".
 */
function IdentitySection({ api, siteId }: SectionProps) {
  const { site, set, error: loadError } = useSite(api, siteId);
  const [shown, setShown] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The switch as clicked, until the server has answered (so the box does not flip back meanwhile). */
  const [pending, setPending] = useState<boolean | null>(null);
  if (loadError) return <p class="form-error" role="alert">{loadError}</p>;
  if (!site) return <p class="muted">{t('common.loading')}</p>;

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setStatus(null);
    try {
      const text = await work();
      if (text) setStatus({ ok: true, text });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const rotate = () =>
    run(async () => {
      const r = await api.updateSite(siteId, { rotateIdentitySecret: true });
      setShown(r.site.identitySecret ?? null);
      const { identitySecret: _once, ...rest } = r.site;
      set(rest);
      return null;
    });
  const setRequired = (on: boolean) => {
    setPending(on);
    void run(async () => {
      set((await api.updateSite(siteId, { settings: { ...site.settings, requireIdentified: on } })).site);
      return t(on ? 'identity.requiredOn' : 'identity.requiredOff');
    }).finally(() => setPending(null));
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
        {confirming ? (
          <button type="button" class="btn btn-danger" disabled={busy} onClick={rotate} onBlur={() => setConfirming(false)} data-testid="identity-rotate-confirm">
            {t('identity.rotateConfirm')}
          </button>
        ) : (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setConfirming(true)} data-testid="identity-rotate">
            {t('identity.rotate')}
          </button>
        )}
      </div>
      <label class="choice">
        <input type="checkbox" checked={pending ?? site.settings.requireIdentified === true} disabled={busy} onChange={(e) => setRequired(e.currentTarget.checked)} data-testid="identity-require" />
        {t('identity.require')}
      </label>
      <small class="muted">{t('identity.requireHint')}</small>
      {status && (
        <p class={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'} data-testid="identity-status">
          {status.text}
        </p>
      )}
    </div>
  );
}

export const identitySection: SettingsSection = { id: 'identity', title: 'settings.identity', adminOnly: true, Component: IdentitySection };
