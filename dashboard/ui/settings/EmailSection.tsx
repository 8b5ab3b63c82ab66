import { useEffect, useState } from 'preact/hooks';
import { preChatEmailMode, type EmailStatus, type PreChatEmailMode } from '../../../protocol/index.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';
import { OutboxList } from './OutboxList.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ActionStatusText, LoadFailure, useAction } from '../use-action.tsx';
import { useSite } from './use-site.ts';

/**
 * Email (issue 15): whether this server sends email and how to turn it on, the site's email-related
 * setting (when the widget asks for the visitor's address), and the outbox with each email's state.
 */
function EmailSection({ api, siteId }: SectionProps) {
  const [status, setStatus] = useState<EmailStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { site, set, error: loadError, reload: reloadSite } = useSite(api, siteId);
  const saving = useAction();

  useEffect(() => {
    api.emailStatus().then(setStatus, (err) => setError(errorText(err)));
  }, []);

  if (error) return <p class="form-error" role="alert">{error}</p>;
  if (loadError) return <LoadFailure status={loadError} testId="site-error" onRetry={reloadSite} />;
  if (!status) return <p class="muted">{t('common.loading')}</p>;

  const setMode = (mode: PreChatEmailMode) =>
    site && void saving.run(async () => set((await api.updateSite(siteId, { settings: { ...site.settings, preChatEmail: mode } })).site), t('widget.saved'));
  const minutes = Math.max(1, Math.round(status.delayMs / 60_000));

  return (
    <div class="settings-form">
      {status.enabled ? (
        <div class="email-state email-on" data-testid="email-state" data-enabled="true">
          <strong>{t('emailset.on')}</strong>
          <span>{t('emailset.from', { from: status.from ?? '' })}</span>
          <span>{t('emailset.delay', { n: minutes })}</span>
          {status.replyDomain && <span>{t('emailset.replies', { domain: status.replyDomain })}</span>}
          <span>
            {status.inbound.smtpPort !== null ? t('emailset.inboundSmtp', { port: status.inbound.smtpPort }) : t('emailset.inboundNoSmtp')}{' '}
            {t('emailset.inboundHttp', { path: status.inbound.httpPath })}
          </span>
        </div>
      ) : (
        <div class="email-state email-off" data-testid="email-state" data-enabled="false">
          <strong>{t('emailset.off')}</strong>
          {status.reason && <span data-testid="email-reason">{status.reason}</span>}
          <span>{t('emailset.howTo')}</span>
          <pre>
            <code>{'PARLEY_SMTP_URL=smtp://user:pass@smtp.example.com:587\nPARLEY_EMAIL_FROM=support@example.com'}</code>
          </pre>
        </div>
      )}
      <h3>{t('emailset.site')}</h3>
      <label class="field">
        <span>{t('widget.preChat')}</span>
        <select value={site ? preChatEmailMode(site.settings) : 'off'} disabled={!site || saving.busy} onChange={(e) => setMode(e.currentTarget.value as PreChatEmailMode)} data-testid="email-prechat">
          <option value="off">{t('widget.preChatOff')}</option>
          <option value="always">{t('widget.preChatAlways')}</option>
          <option value="offline">{t('widget.preChatOffline')}</option>
        </select>
        <small class="muted">{t('emailset.preChatHint')}</small>
      </label>
      <ActionStatusText status={saving.status} testId="email-saved" />
      <OutboxList api={api} />
    </div>
  );
}

export const emailSection: SettingsSection = { id: 'email', title: 'settings.email', adminOnly: true, Component: EmailSection };
