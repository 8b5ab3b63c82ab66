import type { Catalogue, Entry } from './translate.ts';

/**
 * What is wrong with a set of catalogues, as sentences (empty: nothing). Every locale must have
 * exactly the keys of the base locale, use the same placeholders in each entry, and give a plural
 * entry every category its language needs (and no others). Run by the widget's and the dashboard's
 * catalogue tests, so a missing or stray key fails `npm test`.
 */
export function catalogueProblems(locales: Record<string, Catalogue>, base = 'en'): string[] {
  const problems: string[] = [];
  const ref = locales[base];
  if (!ref) return [`there is no "${base}" catalogue`];
  for (const [locale, table] of Object.entries(locales)) {
    for (const key of Object.keys(ref)) if (!(key in table)) problems.push(`${locale}: missing "${key}"`);
    for (const key of Object.keys(table)) {
      if (!(key in ref)) {
        problems.push(`${locale}: "${key}" is not in ${base}`);
        continue;
      }
      problems.push(...entryProblems(locale, key, table[key], ref[key]));
    }
  }
  return problems;
}

function entryProblems(locale: string, key: string, entry: Entry, base: Entry): string[] {
  const out: string[] = [];
  const plural = typeof entry !== 'string' || typeof base !== 'string';
  if (typeof entry !== 'string') {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const c of needed) if (!(c in entry)) out.push(`${locale}: "${key}" lacks the plural form "${c}"`);
    for (const c of Object.keys(entry)) {
      if (!needed.includes(c as Intl.LDMLPluralRule)) out.push(`${locale}: "${key}" has a plural form "${c}" that ${locale} does not use`);
    }
  }
  // A plural form may spell the number out ("one message"), so there {n} is not required.
  const want = names(typeof base === 'string' ? base : base.other, plural);
  for (const [form, text] of Object.entries(typeof entry === 'string' ? { text: entry } : entry)) {
    if (typeof text !== 'string' || !text.trim()) out.push(`${locale}: "${key}" (${form}) is empty`);
    else if (names(text, plural) !== want) out.push(`${locale}: "${key}" (${form}) uses {${names(text, plural)}} where ${key} needs {${want}}`);
  }
  return out;
}

/** The placeholder names of a text, sorted; without n for a count. */
function names(text: string, plural: boolean): string {
  const all = new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  if (plural) all.delete('n');
  return [...all].sort().join(',');
}
