import { NOTIFICATION_KINDS, type NotificationKind } from '../../protocol/index.ts';
import type { Workspace } from '../app/workspace.ts';
import { t } from '../i18n/index.ts';
import { useStore } from './use-store.ts';

/**
 * The agent's notification preferences: which kinds notify, sound, desktop. Stored on the server (the
 * same on every device; a change reaches the agent's other tabs at once). Shown in the bell's panel
 * and in the settings area's account section.
 */
export function NotificationPreferencesForm({ ws }: { ws: Workspace }) {
  const prefs = useStore(ws.stores.notifications).preferences;
  const toggleKind = (kind: NotificationKind) =>
    void ws.setNotificationPreferences({ ...prefs, kinds: prefs.kinds.includes(kind) ? prefs.kinds.filter((k) => k !== kind) : [...prefs.kinds, kind] });
  return (
    <fieldset class="notif-settings" data-testid="notification-settings">
      <legend>{t('notif.settingsTitle')}</legend>
      {NOTIFICATION_KINDS.map((kind) => (
        <label key={kind}>
          <input type="checkbox" checked={prefs.kinds.includes(kind)} onChange={() => toggleKind(kind)} data-testid={`notification-kind-${kind}`} />
          {t(`notif.kind.${kind}`)}
        </label>
      ))}
      <label>
        <input type="checkbox" checked={prefs.sound} onChange={() => void ws.setNotificationPreferences({ ...prefs, sound: !prefs.sound })} data-testid="notification-sound" />
        {t('notif.sound')}
      </label>
      <label>
        <input type="checkbox" checked={prefs.desktop} onChange={() => void ws.setNotificationPreferences({ ...prefs, desktop: !prefs.desktop })} data-testid="notification-desktop" />
        {t('notif.desktop')}
      </label>
    </fieldset>
  );
}
