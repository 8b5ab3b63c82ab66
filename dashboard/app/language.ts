import type { KeyValueStorage } from '../../client/api.ts';
import { LOCALE_KEY, setLocale } from '../i18n/index.ts';

/**
 * The agent's language: chosen in the language menu and kept per browser, else the browser's
 * languages. Chosen before the first render; a change re-renders the whole app in the new language.
 */
export function initLanguage(storage: KeyValueStorage, nav: { languages?: readonly string[]; language?: string }): string {
  let saved: string | null = null;
  try {
    saved = storage.getItem(LOCALE_KEY);
  } catch {
    // storage blocked: the browser's languages decide
  }
  return setLocale(saved, [...(nav.languages ?? []), nav.language ?? '']);
}

export function chooseLanguage(storage: KeyValueStorage, locale: string, nav: { languages?: readonly string[] }): string {
  try {
    storage.setItem(LOCALE_KEY, locale);
  } catch {
    // kept for this page only
  }
  return setLocale(locale, nav.languages ?? []);
}
