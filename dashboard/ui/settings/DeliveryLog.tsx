import type { WebhookDeliveryInfo } from '../../../protocol/index.ts';
import type { DashboardApi } from '../../api.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { ActionStatusText } from '../use-action.tsx';
import { usePagedList } from './use-paged-list.ts';

/** One webhook's deliveries, newest first: state, the receiver's answer, attempts; resend; paging. */
export function DeliveryLog({ api, webhookId }: { api: DashboardApi; webhookId: string }) {
  const { items, next, busy, status, load, change } = usePagedList<WebhookDeliveryInfo>((before) => api.webhookDeliveries(webhookId, before), [webhookId]);
  const resend = (id: string) => change(() => api.resendDelivery(webhookId, id), t('hooks.resent'));

  return (
    <div class="outbox" data-testid="delivery-log">
      <div class="outbox-head">
        <h3>{t('hooks.log')}</h3>
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => load(null)} disabled={busy} data-testid="delivery-refresh">
          {t('install.refresh')}
        </button>
      </div>
      <ActionStatusText status={status} testId="delivery-status-line" />
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
                <button type="button" class="btn btn-secondary btn-sm" onClick={() => resend(d.id)} disabled={busy} data-testid="delivery-resend">
                  {t('hooks.resend')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => load(next)} disabled={busy} data-testid="delivery-more">
          {t('hooks.more')}
        </button>
      )}
    </div>
  );
}
