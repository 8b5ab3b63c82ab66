import type en from './part-locales/en.ts';
import { translator } from './i18n.ts';

/**
 * The lazy parts' strings (the thread, email, files, hours, conversations, "Delete my data") are one
 * chunk per language (part-locales/), not a table of every language inside each part's chunk: a
 * visitor downloads their own language only, once, with the first lazy part they need. This module
 * is itself part of that lazy side (the first open imports it with import(), part-language.ts), and
 * a part never renders before its strings are in (use-lazy.ts waits for both).
 */
export type PartStrings = typeof en;
export type PartTranslate<P extends keyof PartStrings> = (key: keyof PartStrings[P] & string, vars?: Record<string, string | number>) => string;
export type ThreadTranslate = PartTranslate<'thread'>;
export type HoursTranslate = PartTranslate<'hours'>;

/** Literal import() paths, so the bundler splits each language into a chunk. */
const LOADERS: Record<string, () => Promise<{ default: PartStrings }>> = {
  en: () => import('./part-locales/en.ts'),
  de: () => import('./part-locales/de.ts'),
  fr: () => import('./part-locales/fr.ts'),
  es: () => import('./part-locales/es.ts'),
  ar: () => import('./part-locales/ar.ts'),
};

const fetched: Record<string, Promise<PartStrings>> = {};
let tables: PartStrings | undefined;
let wanted = '';

/**
 * Makes `locale` (English when the widget lacks it) the parts' language once its chunk is in; a
 * failed fetch is tried again next time. Of two switches in flight, the later one wins.
 */
export function loadPartStrings(locale: string): Promise<void> {
  const lang = LOADERS[locale] ? locale : 'en';
  wanted = lang;
  const table = (fetched[lang] ??= LOADERS[lang]().then(
    (m) => m.default,
    (e) => {
      delete fetched[lang];
      throw e;
    },
  ));
  return table.then((t) => void (wanted === lang && (tables = t)));
}

/** One part's strings in the visitor's language, `{x}` filled in; only lazy parts (which waited for the load) call it. */
export const partText = <P extends keyof PartStrings>(part: P): PartTranslate<P> => translator(tables![part] as Record<keyof PartStrings[P] & string, string>);
