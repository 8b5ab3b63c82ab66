import type { KeyValueStorage } from '../../client/api.ts';

/** Per-browser notification preferences, kept in localStorage (injected for tests). */
export interface NotifyPrefs {
  desktop: boolean;
  sound: boolean;
}

export const PREFS_KEY = 'parley.dashboard.notify';
const defaults: NotifyPrefs = { desktop: true, sound: true };

export function loadPrefs(storage: KeyValueStorage): NotifyPrefs {
  try {
    const raw = storage.getItem(PREFS_KEY);
    if (!raw) return { ...defaults };
    const v = JSON.parse(raw) as Partial<NotifyPrefs>;
    return { desktop: v.desktop !== false, sound: v.sound !== false };
  } catch {
    return { ...defaults };
  }
}

export function savePrefs(storage: KeyValueStorage, prefs: NotifyPrefs): void {
  try {
    storage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or blocked: the toggle still works for this page.
  }
}

/** Whether an event should ring: only while the tab is hidden, and never for our own writes. */
export function shouldNotify(input: { hidden: boolean; authorIsMe: boolean; note: boolean }): boolean {
  return input.hidden && !input.authorIsMe && !input.note;
}
