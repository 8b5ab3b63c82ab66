import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { useStore } from '../use-store.ts';
import { Avatar } from './Avatar.tsx';
import { NotificationPreferencesForm } from '../NotificationPreferences.tsx';
import type { SectionProps, SettingsSection } from './section.ts';
import { EmailPreference } from './EmailPreference.tsx';
import { ActionStatusText, useAction } from '../use-action.tsx';

/** What every member runs for themselves: name (and so avatar initials), password, sessions. */
function AccountSection({ ws, api }: SectionProps) {
  const staff = useStore(ws.stores.staff);
  const mine = staff.find((s) => s.id === ws.me.id) ?? ws.me;
  const [name, setName] = useState(mine.name);
  const [pw, setPw] = useState({ current: '', next: '', again: '' });
  // Each form has its own outcome line; while any of them works, none of the three starts another.
  const [named, password, sessions] = [useAction(), useAction(), useAction()];
  const busy = named.busy || password.busy || sessions.busy;

  const saveName = (e: Event) => {
    e.preventDefault();
    void named.run(async () => {
      const r = await api.updateProfile(name.trim());
      ws.stores.staff.update((list) => list.map((s) => (s.id === r.staff.id ? { ...s, name: r.staff.name } : s)));
    }, t('account.nameSaved'));
  };
  const savePassword = (e: Event) => {
    e.preventDefault();
    // Caught here, before the server: a mismatch is no refusal of the server's, so it has no code.
    if (pw.next !== pw.again) return password.setStatus({ ok: false, text: t('account.mismatch') });
    void password.run(async () => {
      await api.changePassword(pw.current, pw.next);
      setPw({ current: '', next: '', again: '' });
    }, t('account.passwordSaved'));
  };
  // Every session ends, this one too: the next request's 401 brings the sign-in form.
  const signOutAll = () =>
    void sessions.run(async () => {
      await api.signOutEverywhere();
      void api.me().catch(() => {});
    }, t('account.signedOut'));

  return (
    <div class="settings-form">
      <form class="settings-form" onSubmit={saveName} noValidate>
        <h3>{t('account.profile')}</h3>
        <div class="profile-row">
          <Avatar name={name || mine.name} size={48} />
          <label class="field grow">
            <span>{t('account.name')}</span>
            <input value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} autoComplete="name" data-testid="account-name" />
          </label>
        </div>
        <p class="muted small">{t('account.email', { email: mine.email })}</p>
        <ActionStatusText status={named.status} testId="account-name-status" />
        <div>
          <button class="btn btn-primary" type="submit" disabled={busy || !name.trim() || name.trim() === mine.name} data-testid="account-name-save">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <form class="settings-form" onSubmit={savePassword} noValidate>
        <h3>{t('account.password')}</h3>
        <input type="text" autoComplete="username" value={mine.email} hidden readOnly />
        <label class="field">
          <span>{t('account.current')}</span>
          <input type="password" autoComplete="current-password" value={pw.current} onInput={(e) => setPw({ ...pw, current: e.currentTarget.value })} data-testid="account-current" />
        </label>
        <label class="field">
          <span>{t('account.new')}</span>
          <input type="password" autoComplete="new-password" value={pw.next} onInput={(e) => setPw({ ...pw, next: e.currentTarget.value })} aria-describedby="password-rules" data-testid="account-new" />
        </label>
        <label class="field">
          <span>{t('account.again')}</span>
          <input type="password" autoComplete="new-password" value={pw.again} onInput={(e) => setPw({ ...pw, again: e.currentTarget.value })} data-testid="account-again" />
        </label>
        <p id="password-rules" class="muted small">{t('account.rules')}</p>
        <ActionStatusText status={password.status} testId="account-password-status" />
        <div>
          <button class="btn btn-primary" type="submit" disabled={busy || !pw.current || !pw.next} data-testid="account-password-save">
            {t('account.change')}
          </button>
        </div>
      </form>
      {/* Notification preferences (kinds, sound, desktop): the same form as in the bell's panel. */}
      <div class="settings-form" data-testid="account-notifications">
        <h3>{t('notif.title')}</h3>
        <NotificationPreferencesForm ws={ws} />
      </div>
      <div class="settings-form">
        <h3>{t('account.sessions')}</h3>
        <p class="muted">{t('account.sessionsHint')}</p>
        <ActionStatusText status={sessions.status} testId="account-sessions-status" />
        <div>
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={signOutAll} data-testid="account-sign-out-all">
            {t('account.signOutAll')}
          </button>
        </div>
      </div>
      <EmailPreference api={api} />
    </div>
  );
}

export const accountSection: SettingsSection = { id: 'account', title: 'settings.account', adminOnly: false, Component: AccountSection };
