import { useEffect, useState } from 'preact/hooks';
import type { StaffEmailPreferences } from '../../../protocol/index.ts';
import type { DashboardApi } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ActionStatusText, useAction } from '../use-action.tsx';

/**
 * A member's own email notice (issue 15): an email about a visitor message nobody has seen in the
 * dashboard within the delay (to the assignee, or every agent while unassigned). On by default;
 * when the server sends no email, it says so instead.
 */
export function EmailPreference({ api }: { api: DashboardApi }) {
  const [prefs, setPrefs] = useState<StaffEmailPreferences | null>(null);
  const { busy, status, run } = useAction();
  /** The box as clicked, until the server has answered (so it does not flip back meanwhile). */
  const [pending, setPending] = useState<boolean | null>(null);
  // Reading the preference goes through the same outcome line: a refusal shows there, with its code.
  useEffect(() => void run(async () => setPrefs(await api.emailPreferences())), [api]);
  if (!prefs) return <ActionStatusText status={status} testId="account-email-status" />;

  const toggle = (on: boolean) => {
    setPending(on);
    void run(async () => setPrefs(await api.setEmailPreferences(on)), t(on ? 'account.notifyOn' : 'account.notifyOff')).finally(() => setPending(null));
  };

  return (
    <div class="settings-form" data-testid="account-email">
      <h3>{t('account.notifications')}</h3>
      {prefs.enabled ? (
        <label class="choice">
          <input type="checkbox" checked={pending ?? prefs.notifyUnseen} disabled={busy} onChange={(e) => toggle(e.currentTarget.checked)} data-testid="account-notify-unseen" />
          {t('account.notifyUnseen', { email: prefs.address })}
        </label>
      ) : (
        <p class="settings-note" data-testid="account-email-off">{t('account.emailOff')}</p>
      )}
      <ActionStatusText status={status} testId="account-email-status" />
    </div>
  );
}
