import type { StaffAvailability } from '../../protocol/index.ts';
import { askNotificationPermission, notificationPermission, unlockAudio } from '../app/alerts.ts';
import type { Workspace } from '../app/workspace.ts';
import { NotificationCenter } from './NotificationCenter.tsx';
import { DesktopIcon, ChatIcon, GearIcon, HelpIcon, LogoutIcon, NoteIcon, SoundIcon } from './icons.tsx';
import { sectionsFor } from './settings/sections.ts';
import { SiteSwitcher } from './SiteSwitcher.tsx';
import type { Session } from '../app/session.ts';
import { useRole } from './settings/use-role.ts';
import { useStore } from './use-store.ts';
import { useState } from 'preact/hooks';
import { ThemeSelect } from './ThemeSelect.tsx';
import { t } from '../i18n/index.ts';


interface Props {
  ws: Workspace;
  onHelp: () => void;
  onCanned: () => void;
  /** Admins only: the reports dialog. */
  onReports?: () => void;
  onSettings: () => void;
  onLogout: () => void;
  onSwitch: (s: Session) => void;
}

export function TopBar({ ws, onHelp, onCanned, onReports, onSettings, onLogout, onSwitch }: Props) {
  const site = useStore(ws.stores.site);
  const staff = useStore(ws.stores.staff);
  const role = useRole(ws);
  const connection = useStore(ws.stores.connection);
  const availability = useStore(ws.stores.availability);
  const unread = useStore(ws.stores.unread);
  const [permission, setPermission] = useState(notificationPermission());
  // The agent's preferences, stored on the server (the same on every device; the bell's settings too).
  const prefs = useStore(ws.stores.notifications).preferences;
  const setPrefs = (p: typeof prefs) => void ws.setNotificationPreferences(p);

  const toggleDesktop = async () => {
    if (!prefs.desktop) {
      // Asked inside the click, as browsers require a user gesture for the prompt.
      if (permission === 'default') setPermission(await askNotificationPermission());
      setPrefs({ ...prefs, desktop: true });
    } else setPrefs({ ...prefs, desktop: false });
  };
  const enableDesktop = async () => setPermission(await askNotificationPermission());
  // Wanted but refused by the browser: the bell must not read "on", and the agent is told where to allow it.
  const blocked = prefs.desktop && permission === 'denied';
  const desktopOn = prefs.desktop && permission !== 'denied' && permission !== 'unsupported';
  const toggleSound = () => {
    if (!prefs.sound) unlockAudio();
    setPrefs({ ...prefs, sound: !prefs.sound });
  };

  return (
    <header class="topbar">
      <h1 class="sr-only">{t('top.heading', { site: site.name })}</h1>
      <div class="brand">
        <span class="brand-mark">
          <ChatIcon size={18} />
        </span>
        <span class="brand-name">Parley</span>
        <span class="brand-site">{site.name}</span>
        <SiteSwitcher ws={ws} onSwitch={onSwitch} />
      </div>
      <div class="topbar-status">
        <span class={`conn conn-${connection}`} data-testid="connection-indicator" data-state={connection} role="status" aria-live="polite">
          <span class="conn-dot" aria-hidden="true" />
          {t(`conn.${connection}`)}
        </span>
        {(connection === 'waiting' || connection === 'failed') && (
          <button class="btn btn-ghost btn-sm" type="button" onClick={ws.reconnect} aria-label={t('top.retry')} data-testid="reconnect-button">
            {t('top.retry')}
          </button>
        )}
        <span class="total-unread" data-testid="total-unread" data-count={unread.total} aria-label={t('top.unreadLabel', { n: unread.total })}>
          {unread.total > 0 ? t('top.unread', { n: unread.total }) : t('top.caughtUp')}
        </span>
      </div>
      <div class="topbar-actions">
        {prefs.desktop && permission === 'default' && (
          <button class="btn btn-secondary btn-sm" type="button" onClick={enableDesktop} data-testid="enable-notifications" aria-label={t('notify.enable')}>
            {t('notify.enable')}
          </button>
        )}
        {blocked && (
          <span class="notify-blocked" role="status" data-testid="notifications-blocked">
            {t('notify.blockedHelp')}
          </span>
        )}
        <button
          class="icon-btn"
          type="button"
          aria-pressed={desktopOn}
          aria-label={blocked ? t('notify.blocked') : desktopOn ? t('notify.on') : t('notify.off')}
          title={permission === 'denied' ? t('notify.blocked') : t('notify.title')}
          onClick={toggleDesktop}
          data-testid="toggle-desktop-notifications"
        >
          <DesktopIcon />
        </button>
        <button
          class="icon-btn"
          type="button"
          aria-pressed={prefs.sound}
          aria-label={prefs.sound ? t('sound.on') : t('sound.off')}
          title={t('sound.title')}
          onClick={toggleSound}
          data-testid="toggle-sound"
        >
          <SoundIcon />
        </button>
        <NotificationCenter ws={ws} />
        <button class="icon-btn" type="button" aria-label={t('canned.title')} title={t('canned.title')} onClick={onCanned} data-testid="canned-settings-button">
          <NoteIcon />
        </button>
        {onReports && (
          <button class="btn btn-ghost btn-sm" type="button" onClick={onReports} data-testid="reports-button">
            {t('reports.title')}
          </button>
        )}
        {sectionsFor(role).length > 0 && (
          <button class="icon-btn" type="button" aria-label={t('settings.open')} title={t('settings.open')} onClick={onSettings} data-testid="settings-button">
            <GearIcon />
          </button>
        )}
        <button class="icon-btn" type="button" aria-label={t('top.shortcuts')} title={t('top.shortcutsTitle')} onClick={onHelp} data-testid="help-button">
          <HelpIcon />
        </button>
        <ThemeSelect />
        <label class="availability">
          <span class={`avail-dot avail-${availability}`} aria-hidden="true" />
          <span class="sr-only">{t('top.availability')}</span>
          <select
            value={availability}
            onChange={(e) => void ws.setAvailability(e.currentTarget.value as StaffAvailability)}
            aria-label={t('top.availability')}
            data-testid="availability-select"
          >
            <option value="online">{t('availability.online')}</option>
            <option value="away">{t('availability.away')}</option>
            <option value="busy">{t('availability.busy')}</option>
          </select>
        </label>
        <span class="me" title={ws.me.email} data-testid="me-name">
          {staff.find((m) => m.id === ws.me.id)?.name ?? ws.me.name}
        </span>
        <button class="icon-btn" type="button" aria-label={t('top.logout')} title={t('top.logout')} onClick={onLogout} data-testid="logout-button">
          <LogoutIcon />
        </button>
      </div>
    </header>
  );
}
