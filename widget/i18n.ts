import type en from './locales/en.ts';

/**
 * Every string the visitor sees comes from a catalogue in widget/locales/ (`{x}` placeholders are filled
 * by `t()`). Each catalogue is its own lazy chunk: a visitor downloads exactly one, so adding a language
 * costs the first open nothing. The locale is the boot option (or data-locale) if supported, else the
 * first supported navigator.languages entry, else English.
 */
export type Strings = typeof en;
export type StringKey = keyof Strings;

/** One loader per supported locale; literal import() paths so the bundler splits each into a chunk. */
export const CATALOGUES: Record<string, () => Promise<{ default: Strings }>> = {
  en: () => import('./locales/en.ts'),
  de: () => import('./locales/de.ts'),
  fr: () => import('./locales/fr.ts'),
  es: () => import('./locales/es.ts'),
  ar: () => import('./locales/ar.ts'),
};

/** The first supported locale among the preferred ones (language part only), else `fallback` (English). */
export function pickLocale(preferred: ReadonlyArray<string | null | undefined>, fallback = 'en'): string {
  for (const p of preferred) {
    const lang = (p || '').toLowerCase().split(/[-_]/)[0];
    if (lang && CATALOGUES[lang]) return lang;
  }
  return fallback;
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/**
 * A catalogue's translate function; loadTranslator fetches the catalogue first. The lazy parts' own
 * strings (part-strings.ts) use it too.
 */
export function translator<K extends string>(table: Record<K, string>): (key: K, vars?: Record<string, string | number>) => string {
  return (key, vars) => {
    let s = table[key];
    if (vars) for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  };
}

export function loadTranslator(locale: string): Promise<Translate> {
  return (CATALOGUES[locale] || CATALOGUES.en)().then((m) => translator(m.default));
}
