import { useEffect, useState } from 'preact/hooks';
import type { StaffEmailPreferences } from '../../../protocol/index.ts';
import type { DashboardApi } from '../../api.ts';
import { errorText } from '../../i18n/error-text.ts';
import { t } from '../../i18n/index.ts';

/**
 * A member's own email notice (issue 15): an email about a visitor message nobody has seen in the
 * dashboard within the delay (to the assignee, or every agent while unassigned). On by default;
 * when the server sends no email, it says so instead.
 */
export function EmailPreference({ api }: { api: DashboardApi }) {
  const [prefs, setPrefs] = useState<StaffEmailPreferences | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The box as clicked, until the server has answered (so it does not flip back meanwhile). */
  const [pending, setPending] = useState<boolean | null>(null);
  useEffect(() => {
    api.emailPreferences().then(setPrefs, (err) => setStatus({ ok: false, text: errorText(err) }));
  }, [api]);
  if (!prefs) return status ? <p class="form-error" role="alert">{status.text}</p> : null;

  const toggle = async (on: boolean) => {
    setBusy(true);
    setPending(on);
    setStatus(null);
    try {
      setPrefs(await api.setEmailPreferences(on));
      setStatus({ ok: true, text: t(on ? 'account.notifyOn' : 'account.notifyOff') });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  return (
    <div class="settings-form" data-testid="account-email">
      <h3>{t('account.notifications')}</h3>
      {prefs.enabled ? (
        <label class="choice">
          <input type="checkbox" checked={pending ?? prefs.notifyUnseen} disabled={busy} onChange={(e) => void toggle(e.currentTarget.checked)} data-testid="account-notify-unseen" />
          {t('account.notifyUnseen', { email: prefs.address })}
        </label>
      ) : (
        <p class="settings-note" data-testid="account-email-off">{t('account.emailOff')}</p>
      )}
      {status && (
        <p class={status.ok ? 'form-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'} data-testid="account-email-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
