/**
 * Choosing a language, shared by the widget and the dashboard. A catalogue is chosen by language
 * ("de"); dates and numbers are formatted with the most specific tag the person asked for in that
 * language ("de-AT", "en-GB"), so an English catalogue still shows a British reader 24-hour times.
 */
const lang = (tag: string | undefined) => (tag || '').toLowerCase().split(/[-_]/)[0];

/** The first supported language among the preferred tags (first match wins), else `fallback`. */
export function pickLocale(supported: readonly string[], preferred: ReadonlyArray<string | undefined>, fallback = 'en'): string {
  for (const p of preferred) if (supported.includes(lang(p))) return lang(p);
  return fallback;
}

/** The tag to give Intl: the first preferred tag in the chosen language (valid for Intl), else the language. */
export function formattingLocale(locale: string, preferred: ReadonlyArray<string | undefined>): string {
  for (const p of preferred) {
    if (!p || lang(p) !== locale) continue;
    try {
      return Intl.getCanonicalLocales(p.replace('_', '-'))[0];
    } catch {
      // not a BCP 47 tag: try the next one
    }
  }
  return locale;
}

/** Right-to-left scripts among the languages we ship or may ship. */
export const isRtl = (locale: string): boolean => /^(ar|he|fa|ur)$/.test(lang(locale));
