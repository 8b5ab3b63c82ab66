import type { ConnectionState } from '../../client/api.ts';
import type { StaffAvailability } from '../../protocol/index.ts';
import { askNotificationPermission, notificationPermission, unlockAudio } from '../app/alerts.ts';
import type { Workspace } from '../app/workspace.ts';
import type { NotifyPrefs } from '../state/prefs.ts';
import { BellIcon, ChatIcon, HelpIcon, LogoutIcon, NoteIcon, SoundIcon } from './icons.tsx';
import { useStore } from './use-store.ts';
import { useState } from 'preact/hooks';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  idle: 'Offline',
  connecting: 'Connecting…',
  connected: 'Live',
  waiting: 'Reconnecting…',
  failed: 'Disconnected',
};

interface Props {
  ws: Workspace;
  prefs: NotifyPrefs;
  setPrefs: (p: NotifyPrefs) => void;
  onHelp: () => void;
  onCanned: () => void;
  onLogout: () => void;
}

export function TopBar({ ws, prefs, setPrefs, onHelp, onCanned, onLogout }: Props) {
  const connection = useStore(ws.stores.connection);
  const availability = useStore(ws.stores.availability);
  const unread = useStore(ws.stores.unread);
  const [permission, setPermission] = useState(notificationPermission());

  const toggleDesktop = async () => {
    if (!prefs.desktop) {
      // Asked inside the click, as browsers require a user gesture for the prompt.
      if (permission === 'default') setPermission(await askNotificationPermission());
      setPrefs({ ...prefs, desktop: true });
    } else setPrefs({ ...prefs, desktop: false });
  };
  const enableDesktop = async () => setPermission(await askNotificationPermission());
  const toggleSound = () => {
    if (!prefs.sound) unlockAudio();
    setPrefs({ ...prefs, sound: !prefs.sound });
  };

  return (
    <header class="topbar">
      <h1 class="sr-only">Parley inbox, {ws.site.name}</h1>
      <div class="brand">
        <span class="brand-mark">
          <ChatIcon size={18} />
        </span>
        <span class="brand-name">Parley</span>
        <span class="brand-site">{ws.site.name}</span>
      </div>
      <div class="topbar-status">
        <span class={`conn conn-${connection}`} data-testid="connection-indicator" data-state={connection} role="status" aria-live="polite">
          <span class="conn-dot" aria-hidden="true" />
          {CONNECTION_LABEL[connection]}
        </span>
        {(connection === 'waiting' || connection === 'failed') && (
          <button class="btn btn-ghost btn-sm" type="button" onClick={ws.reconnect} aria-label="Retry now" data-testid="reconnect-button">
            Retry now
          </button>
        )}
        <span class="total-unread" data-testid="total-unread" data-count={unread.total} aria-label={`${unread.total} unread messages`}>
          {unread.total > 0 ? `${unread.total} unread` : 'All caught up'}
        </span>
      </div>
      <div class="topbar-actions">
        {prefs.desktop && permission === 'default' && (
          <button class="btn btn-secondary btn-sm" type="button" onClick={enableDesktop} data-testid="enable-notifications" aria-label="Enable notifications">
            Enable notifications
          </button>
        )}
        <button
          class="icon-btn"
          type="button"
          aria-pressed={prefs.desktop}
          aria-label={prefs.desktop ? 'Desktop notifications on' : 'Desktop notifications off'}
          title={permission === 'denied' ? 'Notifications are blocked in this browser' : 'Desktop notifications'}
          onClick={toggleDesktop}
          data-testid="toggle-desktop-notifications"
        >
          <BellIcon />
        </button>
        <button
          class="icon-btn"
          type="button"
          aria-pressed={prefs.sound}
          aria-label={prefs.sound ? 'Sound on' : 'Sound off'}
          title="Sound for new messages"
          onClick={toggleSound}
          data-testid="toggle-sound"
        >
          <SoundIcon />
        </button>
        <button class="icon-btn" type="button" aria-label="Canned responses" title="Canned responses" onClick={onCanned} data-testid="canned-settings-button">
          <NoteIcon />
        </button>
        <button class="icon-btn" type="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onHelp} data-testid="help-button">
          <HelpIcon />
        </button>
        <label class="availability">
          <span class={`avail-dot avail-${availability}`} aria-hidden="true" />
          <span class="sr-only">Your availability</span>
          <select
            value={availability}
            onChange={(e) => void ws.setAvailability(e.currentTarget.value as StaffAvailability)}
            aria-label="Your availability"
            data-testid="availability-select"
          >
            <option value="online">Online</option>
            <option value="away">Away</option>
            <option value="busy">Busy</option>
          </select>
        </label>
        <span class="me" title={ws.me.email}>
          {ws.me.name}
        </span>
        <button class="icon-btn" type="button" aria-label="Log out" title="Log out" onClick={onLogout} data-testid="logout-button">
          <LogoutIcon />
        </button>
      </div>
    </header>
  );
}
