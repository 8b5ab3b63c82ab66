/**
 * Avatar initials from a display name: the first letter of the first and last words ("Ada Lovelace"
 * -> "AL"), one letter for one word, "?" for none. By grapheme, so a name starting with an accented
 * letter or an emoji keeps it whole.
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = (w: string) => {
    const seg = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(w)[Symbol.iterator]().next().value?.segment : undefined;
    return (seg ?? [...w][0] ?? '').toLocaleUpperCase();
  };
  return words.length === 1 ? first(words[0]) : first(words[0]) + first(words[words.length - 1]);
}
