import { useEffect, useState } from 'preact/hooks';
import type { WebhookDeliveryInfo } from '../../../protocol/index.ts';
import type { DashboardApi } from '../../api.ts';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime, t } from '../../i18n/index.ts';

/** One webhook's deliveries, newest first: state, the receiver's answer, attempts; resend; paging. */
export function DeliveryLog({ api, webhookId }: { api: DashboardApi; webhookId: string }) {
  const [items, setItems] = useState<WebhookDeliveryInfo[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (before: string | null) => {
    try {
      const page = await api.webhookDeliveries(webhookId, before);
      setItems((prev) => (before && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => void load(null), [webhookId]);
  const resend = async (id: string) => {
    try {
      await api.resendDelivery(webhookId, id);
      await load(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div class="outbox" data-testid="delivery-log">
      <div class="outbox-head">
        <h3>{t('hooks.log')}</h3>
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => load(null)} data-testid="delivery-refresh">
          {t('install.refresh')}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p class="settings-note" data-testid="delivery-empty">{t('hooks.logEmpty')}</p>}
      {items && items.length > 0 && (
        <ul class="outbox-list">
          {items.map((d) => (
            <li key={d.id} data-testid="delivery" data-kind={d.kind} data-status={d.status}>
              <div class="outbox-top">
                <span class={`state state-${d.status === 'delivered' ? 'sent' : d.status === 'failed' ? 'failed' : 'queued'}`} data-testid="delivery-status">
                  {t(`hooks.delivery.${d.status}`)}
                </span>
                <code class="small">{d.kind}</code>
                <span class="muted small">{dateTime(d.deliveredAt ?? d.createdAt)}</span>
              </div>
              <div class="small">
                <span data-testid="delivery-answer">{d.lastStatus !== null ? t('hooks.answer', { status: d.lastStatus }) : t('hooks.noAnswer')}</span> · {t('hooks.attempts', { n: d.attempts })}
                {d.status === 'pending' && d.attempts > 0 && <> · {t('hooks.nextTry', { when: dateTime(d.nextAttemptAt) })}</>}
              </div>
              {d.lastError && <div class="small outbox-error">{d.lastError}</div>}
              {d.status !== 'sending' && (
                <button type="button" class="btn btn-secondary btn-sm" onClick={() => resend(d.id)} data-testid="delivery-resend">
                  {t('hooks.resend')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => load(next)} data-testid="delivery-more">
          {t('hooks.more')}
        </button>
      )}
    </div>
  );
}
