import type { ComponentChildren } from 'preact';
import { formatBytes, formatDate, formatDateTime, formatDayHeading, formatList, formatStamp, formatTime } from '../../i18n/intl.ts';
import { formattingLocale, isRtl, pickLocale } from '../../i18n/locale.ts';
import { createTranslator, type Catalogue, type Translate, type Vars } from '../../i18n/translate.ts';
import { createStore } from '../state/store.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en, type MessageKey as InboxKey } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { SETTINGS_LOCALES, type SettingsKey } from './settings/index.ts';

/**
 * The dashboard's language. Every string goes through t() (catalogues in this folder; en.ts says how
 * to add one) and every date, time and size through the helpers below, so both follow the agent's
 * language: their choice (the language menu, kept in localStorage), else the browser's languages.
 * All catalogues are bundled: the dashboard is one download an agent keeps open all day.
 */
export type Messages = Catalogue<InboxKey>;
/** Every key: the inbox's catalogues (en.ts …) and the settings area's (settings/). */
export type MessageKey = InboxKey | SettingsKey;
const INBOX_LOCALES: Record<string, Messages> = { en, de, fr, es, ar };
export const LOCALES: Record<string, Catalogue<MessageKey>> = Object.fromEntries(
  Object.entries(INBOX_LOCALES).map(([lang, table]) => [lang, { ...table, ...SETTINGS_LOCALES[lang] }]),
);
const EN = LOCALES.en;
/** Each language in its own name, for the language menu. */
export const LOCALE_NAMES: Record<string, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ar: 'العربية' };
export const LOCALE_KEY = 'parley.dashboard.locale';

let ui = 'en';
let intl = 'en';
let translate: Translate<MessageKey> = createTranslator('en', EN, EN);
/** The language in use; the app re-renders everything when it changes. */
export const localeStore = createStore(ui);

/** Picks the language: a supported `choice` wins, else the first supported of `preferred`. */
export function setLocale(choice: string | null | undefined, preferred: readonly string[] = []): string {
  ui = pickLocale(Object.keys(LOCALES), [choice ?? undefined, ...preferred]);
  intl = formattingLocale(ui, [choice ?? undefined, ...preferred]);
  translate = createTranslator(ui, LOCALES[ui], EN);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = ui;
    document.documentElement.dir = isRtl(ui) ? 'rtl' : 'ltr';
  }
  localeStore.set(ui);
  return ui;
}

export const t: Translate<MessageKey> = (key, vars) => translate(key, vars);
export const locale = (): string => ui;

/**
 * A translated sentence with elements in it: `{name}` placeholders become the given nodes
 * (`rich(t('conv.noneHint'), { next: <kbd>j</kbd> })`); the text around them stays text.
 */
export function rich(text: string, nodes: Record<string, ComponentChildren>): ComponentChildren[] {
  return text.split(/(\{\w+\})/).map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return m && m[1] in nodes ? nodes[m[1]] : part;
  });
}

// Intl helpers in the agent's formatting locale (their region's clock, date order and digits).
export const time = (at: number, timeZone?: string): string => formatTime(at, intl, timeZone);
export const dateTime = (at: number): string => formatDateTime(at, intl);
export const date = (at: number): string => formatDate(at, intl);
export const dayHeading = (at: number): string => formatDayHeading(at, intl);
export const stamp = (at: number, now: number): string => formatStamp(at, now, intl);
export const bytes = (n: number): string => formatBytes(n, intl);
export const list = (items: string[]): string => formatList(items, intl);

/** "German (Austria)" for a visitor's "de-AT", in the agent's language. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([intl], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export type { Vars };
