import { useState } from 'preact/hooks';
import type { OutboxItem, OutboxItemStatus } from '../../../protocol/index.ts';
import type { DashboardApi } from '../../api.ts';
import { dateTime, t, type MessageKey } from '../../i18n/index.ts';
import { ActionStatusText } from '../use-action.tsx';
import { usePagedList } from './use-paged-list.ts';

const STATUSES: OutboxItemStatus[] = ['queued', 'sending', 'sent', 'failed'];
const KIND: Record<OutboxItem['kind'], MessageKey> = { 'visitor.reply': 'emailset.kind.reply', 'agent.unseen': 'emailset.kind.unseen', transcript: 'emailset.kind.transcript', 'transcript.confirm': 'emailset.kind.confirm' };

/** The site's outbox, newest first, by state, with paging and a retry for failed emails. */
export function OutboxList({ api }: { api: DashboardApi }) {
  const [status, setStatus] = useState<OutboxItemStatus | ''>('');
  const list = usePagedList<OutboxItem>((cursor) => api.outbox(cursor, 25, status || undefined), [status]);
  const { items, next, busy, load } = list;
  const retry = (id: string) => list.change(() => api.retryEmail(id), t('emailset.retried'));

  return (
    <div class="outbox" data-testid="outbox">
      <div class="outbox-head">
        <h3>{t('emailset.outbox')}</h3>
        <label class="inline-field">
          <span>{t('emailset.show')}</span>
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as OutboxItemStatus | '')} data-testid="outbox-filter">
            <option value="">{t('emailset.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`emailset.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => load(null)} disabled={busy} data-testid="outbox-refresh">
          {t('install.refresh')}
        </button>
      </div>
      <ActionStatusText status={list.status} testId="outbox-status-line" />
      {items && items.length === 0 && <p class="settings-note" data-testid="outbox-empty">{t('emailset.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="outbox-list">
          {items.map((m) => (
            <li key={m.id} data-testid="outbox-item" data-status={m.status}>
              <div class="outbox-top">
                <span class={`state state-${m.status}`} data-testid="outbox-status">{t(`emailset.status.${m.status}`)}</span>
                <span class="muted small">{t(KIND[m.kind])}</span>
                <span class="muted small">{dateTime(m.sentAt ?? m.createdAt)}</span>
              </div>
              <div class="outbox-subject">{m.subject}</div>
              <div class="small">
                {t('emailset.to')} <span data-testid="outbox-to">{m.to}</span>
                {m.toVerified !== null && (
                  // As everywhere in the dashboard: whether this visitor address is proven, or only typed in.
                  <span class={`badge ${m.toVerified ? 'badge-verified' : 'badge-unverified'}`} data-testid="outbox-to-proof" data-verified={String(m.toVerified)} title={t(m.toVerified ? 'field.verifiedHint' : 'field.unverifiedHint')}>
                    {t(m.toVerified ? 'field.verified' : 'field.unverified')}
                  </span>
                )}
                {m.attempts > 0 && <> · {t('emailset.attempts', { n: m.attempts })}</>}
                {m.status === 'queued' && m.attempts > 0 && <> · {t('emailset.nextTry', { when: dateTime(m.nextAttemptAt) })}</>}
              </div>
              {m.lastError && <div class="small outbox-error">{m.lastError}</div>}
              {m.status === 'failed' && (
                <button type="button" class="btn btn-secondary btn-sm" onClick={() => retry(m.id)} disabled={busy} data-testid="outbox-retry">
                  {t('emailset.retry')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => load(next)} disabled={busy} data-testid="outbox-more">
          {t('emailset.more')}
        </button>
      )}
    </div>
  );
}
