/**
 * Message catalogues, shared by the widget and the dashboard. An entry is a string with `{name}`
 * placeholders, or, for a count, one string per plural category of the language (Intl.PluralRules:
 * English needs `one` and `other`, Arabic `zero`, `one`, `two`, `few`, `many` and `other`); the
 * category is chosen by the `n` variable.
 */
export type PluralEntry = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Entry = string | PluralEntry;
export type Catalogue<K extends string = string> = Record<K, Entry>;
export type Vars = Record<string, string | number>;
export type Translate<K extends string = string> = (key: K, vars?: Vars) => string;

/** Translates from `table`, falling back to `fallback` for a key it lacks (a catalogue in the making). */
export function createTranslator<K extends string>(locale: string, table: Partial<Catalogue<K>>, fallback: Catalogue<K>): Translate<K> {
  let rules: Intl.PluralRules | undefined;
  return (key, vars) => {
    let s = table[key] ?? fallback[key] ?? key;
    if (typeof s !== 'string') s = s[(rules ||= new Intl.PluralRules(locale)).select(Number(vars?.n))] ?? s.other;
    if (vars) for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  };
}
