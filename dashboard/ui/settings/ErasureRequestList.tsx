import { useEffect, useState } from 'preact/hooks';
import type { ErasureRequestInfo } from '../../../protocol/schema/privacy.ts';
import type { DashboardApi } from '../../api.ts';
import type { Workspace } from '../../app/workspace.ts';
import { errorText } from '../../i18n/error-text.ts';
import { dateTime, t } from '../../i18n/index.ts';
import { useStore } from '../use-store.ts';
import { ConfirmAction } from '../ConfirmAction.tsx';
import { ActionStatusText, useAction } from '../use-action.tsx';

/**
 * Settings → Privacy: the erasure requests visitors made from the widget ("Delete my data"), oldest
 * first: who, when, how many conversations. Confirm erases them (after the same confirmation as an
 * erasure by lookup); Decline leaves everything and the visitor's widget says so. The list is read
 * again whenever `erasure.requests` says it changed (another admin, a new request) and after a reconnect.
 */
export function ErasureRequestList({ ws, api }: { ws: Workspace; api: DashboardApi }) {
  const { version } = useStore(ws.stores.erasureRequests);
  const [requests, setRequests] = useState<ErasureRequestInfo[] | null>(null);
  const { busy, status, run } = useAction();
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

  // Decided or refused, the list is read again: another admin may have answered it meanwhile.
  const confirm = (r: ErasureRequestInfo) =>
    void run(
      async () => (await api.confirmErasureRequest(r.id)).erased,
      (erased) => t('privacy.erased', { visitors: erased.visitors, conversations: erased.conversations, files: erased.files }),
    ).finally(load);
  const decline = (r: ErasureRequestInfo) => void run(() => api.declineErasureRequest(r.id), t('privacy.declined')).finally(load);

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
                <span>
                  <ConfirmAction
                    class="btn btn-danger btn-sm"
                    disabled={busy}
                    question={t('privacy.eraseConfirm')}
                    confirmLabel={t('privacy.eraseYes')}
                    onConfirm={() => confirm(r)}
                    testId="erasure-request-erase"
                  >
                    {t('privacy.confirm')}
                  </ConfirmAction>{' '}
                  <button type="button" class="btn btn-secondary btn-sm" disabled={busy} onClick={() => decline(r)} data-testid="erasure-request-decline">
                    {t('privacy.decline')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <ActionStatusText status={status} testId="erasure-request-status" />
    </div>
  );
}
