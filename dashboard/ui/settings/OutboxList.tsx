import { useEffect, useState } from 'preact/hooks';
import type { OutboxItem, OutboxItemStatus } from '../../../protocol/index.ts';
import type { DashboardApi } from '../../api.ts';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime, t, type MessageKey } from '../../i18n/index.ts';

const STATUSES: OutboxItemStatus[] = ['queued', 'sending', 'sent', 'failed'];
const KIND: Record<OutboxItem['kind'], MessageKey> = { 'visitor.reply': 'emailset.kind.reply', 'agent.unseen': 'emailset.kind.unseen', transcript: 'emailset.kind.transcript', 'transcript.confirm': 'emailset.kind.confirm' };

/** The site's outbox, newest first, by state, with paging and a retry for failed emails. */
export function OutboxList({ api }: { api: DashboardApi }) {
  const [status, setStatus] = useState<OutboxItemStatus | ''>('');
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (cursor: string | null) => {
    setBusy(true);
    try {
      const page = await api.outbox(cursor, 25, status || undefined);
      setItems((prev) => (cursor && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(null), [status]);

  const retry = async (id: string) => {
    try {
      await api.retryEmail(id);
      await load(null);
    } catch (err) {
      setError(errorText(err));
    }
  };

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
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
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
                <button type="button" class="btn btn-secondary btn-sm" onClick={() => retry(m.id)} data-testid="outbox-retry">
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
