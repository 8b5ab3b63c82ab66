import { useEffect, useState } from 'preact/hooks';
import type { ErasureRequestInfo } from '../../../protocol/schema/privacy.ts';
import type { DashboardApi } from '../../api.ts';
import type { Workspace } from '../../app/workspace.ts';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { useStore } from '../use-store.ts';

/**
 * Settings → Privacy: the erasure requests visitors made from the widget ("Delete my data"), oldest
 * first: who, when, how many conversations. Confirm erases them (after the same confirmation as an
 * erasure by lookup); Decline leaves everything and the visitor's widget says so. The list is read
 * again whenever `erasure.requests` says it changed (another admin, a new request) and after a reconnect.
 */
export function ErasureRequestList({ ws, api }: { ws: Workspace; api: DashboardApi }) {
  const { version } = useStore(ws.stores.erasureRequests);
  const [requests, setRequests] = useState<ErasureRequestInfo[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [loadError, setLoadError] = useState('');

  const load = () =>
    api.erasureRequests().then(
      (r) => {
        setRequests(r.requests);
        setLoadError('');
      },
      (err) => setLoadError(errorText(err)),
    );
  useEffect(() => void load(), [version]);

  const decide = async (work: () => Promise<string>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
      setConfirming(null);
      void load();
    }
  };
  const confirm = (r: ErasureRequestInfo) =>
    decide(async () => {
      const { erased } = await api.confirmErasureRequest(r.id);
      return t('privacy.erased', { visitors: erased.visitors, conversations: erased.conversations, files: erased.files });
    });
  const decline = (r: ErasureRequestInfo) =>
    decide(async () => {
      await api.declineErasureRequest(r.id);
      return t('privacy.declined');
    });

  return (
    <div class="settings-form" data-testid="erasure-requests">
      <h3>
        {t('privacy.asked')}
        {requests && requests.length > 0 && <span class="muted small"> · {t('privacy.askedCount', { n: requests.length })}</span>}
      </h3>
      <p class="muted">{t('privacy.askedHint')}</p>
      {loadError && (
        <p class="form-error" role="alert">
          {loadError}
        </p>
      )}
      {requests && requests.length === 0 && (
        <p class="settings-note" data-testid="erasure-requests-empty">
          {t('privacy.askedEmpty')}
        </p>
      )}
      {requests && requests.length > 0 && (
        <ul class="outbox-list">
          {requests.map((r) => {
            const who = r.visitor ? r.visitor.name || r.visitor.email || r.visitor.label : t('privacy.askedGone');
            return (
              <li key={r.id} data-testid="erasure-request" data-request-id={r.id} data-visitor-id={r.visitorId}>
                <div class="outbox-top">
                  <strong>{who}</strong>
                  {r.visitor?.email && r.visitor.email !== who && <span class="muted small">{r.visitor.email}</span>}
                  <span class="muted small">{r.visitorId}</span>
                </div>
                <div class="small">
                  {t('privacy.askedWhen', { when: dateTime(r.requestedAt) })} · {t('privacy.askedConversations', { n: r.conversations })}
                </div>
                {confirming === r.id ? (
                  <span role="group" aria-label={t('privacy.eraseConfirm')}>
                    <span>{t('privacy.eraseConfirm')}</span>{' '}
                    <button type="button" class="btn btn-danger btn-sm" disabled={busy} onClick={() => void confirm(r)} data-testid="erasure-request-confirm-yes">
                      {t('privacy.eraseYes')}
                    </button>{' '}
                    <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => setConfirming(null)} data-testid="erasure-request-cancel">
                      {t('common.cancel')}
                    </button>
                  </span>
                ) : (
                  <span>
                    <button type="button" class="btn btn-danger btn-sm" disabled={busy} onClick={() => setConfirming(r.id)} data-testid="erasure-request-confirm">
                      {t('privacy.confirm')}
                    </button>{' '}
                    <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => void decline(r)} data-testid="erasure-request-decline">
                      {t('privacy.decline')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {status && (
        <p class={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'} data-testid="erasure-request-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
