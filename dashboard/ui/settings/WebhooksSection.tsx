import { useEffect, useState } from 'preact/hooks';
import type { WebhookInfo } from '../../../protocol/index.ts';
import { WEBHOOK_EVENTS } from '../../../protocol/webhook-kinds.ts';
import { t } from '../../i18n/index.ts';
import { CopyBlock } from './CopyBlock.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { ConfirmAction } from '../ConfirmAction.tsx';
import { ActionStatusText, useAction } from '../use-action.tsx';

/** Every kind the server delivers (the schema set's list), so a new kind shows up here by itself. */
const EVENTS: WebhookInfo['events'] = [...WEBHOOK_EVENTS];

/**
 * Webhooks (issue 10): the site's endpoints with their state (failing after a day of failed
 * deliveries), their signing secret, a test delivery, and each one's delivery log with resend.
 */
function WebhooksSection({ api }: SectionProps) {
  const [hooks, setHooks] = useState<WebhookInfo[] | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookInfo['events']>(['message.created']);
  const [includeNotes, setIncludeNotes] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const { busy, status, setStatus, run } = useAction();

  const load = async () => setHooks((await api.webhooks()).webhooks);
  // Reading the list goes through the same outcome line: a refusal shows there, with its code.
  useEffect(() => void run(load), []);
  /** A change, then the list read again; `done` confirms it (none when the page shows it already). */
  const change = (work: () => Promise<unknown>, done?: string) =>
    void run(async () => {
      await work();
      await load();
    }, done);
  // A new webhook opens on its secret and log: that is its confirmation.
  const add = (e: Event) => {
    e.preventDefault();
    change(async () => {
      const made = await api.createWebhook({ url: url.trim(), events, includeNotes });
      setUrl('');
      setOpen(made.webhook.id);
    });
  };
  const toggle = (k: WebhookInfo['events'][number]) => setEvents((now) => (now.includes(k) ? now.filter((x) => x !== k) : [...now, k]));

  return (
    <div class="settings-form">
      <p class="settings-note">{t('hooks.intro')}</p>
      <form class="inline-form" onSubmit={add} data-testid="hook-form">
        <label class="field">
          <span>{t('hooks.url')}</span>
          <input type="url" value={url} onInput={(e) => (setUrl(e.currentTarget.value), setStatus(null))} required placeholder="https://crm.example/parley" data-testid="hook-url" />
        </label>
        <fieldset class="check-group">
          <legend>{t('hooks.events')}</legend>
          {EVENTS.map((k) => (
            <label key={k} class="choice">
              <input type="checkbox" checked={events.includes(k)} onChange={() => toggle(k)} data-testid={`hook-event-${k}`} /> <code>{k}</code>
            </label>
          ))}
          <label class="choice">
            <input type="checkbox" checked={includeNotes} onChange={(e) => setIncludeNotes(e.currentTarget.checked)} data-testid="hook-notes" /> {t('hooks.notes')}
          </label>
        </fieldset>
        <button type="submit" class="btn" disabled={busy || !url.trim() || events.length === 0} data-testid="hook-add">
          {t('hooks.add')}
        </button>
      </form>
      <ActionStatusText status={status} testId="hooks-status" />
      {hooks && hooks.length === 0 && <p class="settings-note" data-testid="hooks-empty">{t('hooks.empty')}</p>}
      {hooks?.map((h) => (
        <section key={h.id} class="settings-section" data-testid="hook" data-url={h.url} data-status={h.status}>
          <div class="outbox-top">
            <strong class="hook-url">{h.url}</strong>
            <span class={`state ${h.status === 'failing' ? 'state-failed' : 'state-sent'}`} data-testid="hook-status">{t(`hooks.status.${h.status}`)}</span>
          </div>
          <div class="small">
            {h.events.join(', ')}
            {h.includeNotes && <> · {t('hooks.withNotes')}</>}
          </div>
          <div class="member-actions">
            <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => change(() => api.testWebhook(h.id), t('hooks.testSent'))} data-testid="hook-test">
              {t('hooks.test')}
            </button>
            <button type="button" class="btn btn-secondary btn-sm" onClick={() => setOpen(open === h.id ? null : h.id)} data-testid="hook-log-toggle">
              {open === h.id ? t('hooks.hideLog') : t('hooks.showLog')}
            </button>
            <ConfirmAction question={t('hooks.deleteConfirm', { url: h.url })} confirmLabel={t('hooks.delete')} disabled={busy} onConfirm={() => change(() => api.deleteWebhook(h.id), t('hooks.deletedNotice', { url: h.url }))} testId="hook-delete">
              {t('hooks.delete')}
            </ConfirmAction>
          </div>
          {open === h.id && (
            <>
              <CopyBlock code={h.secret} label={t('hooks.secret')} testId="hook-secret" />
              <DeliveryLog api={api} webhookId={h.id} />
            </>
          )}
        </section>
      ))}
    </div>
  );
}

export const webhooksSection: SettingsSection = { id: 'webhooks', title: 'settings.webhooks', adminOnly: true, Component: WebhooksSection };
