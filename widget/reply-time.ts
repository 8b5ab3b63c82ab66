import type { Translate } from './i18n.ts';

/**
 * The "Replies in …" part of the header in the visitor's language. The site's replyTime setting is
 * the owner's own words, in one language: the default wording ("a few minutes") and plain durations
 * ("5 minutes", "2 hours", "1 day") are recognised and said in the visitor's language with Intl;
 * anything else is shown as written.
 */
const UNITS: Record<string, string> = { min: 'minute', minute: 'minute', h: 'hour', hr: 'hour', hour: 'hour', day: 'day' };

export function replyTimeText(setting: string | undefined, t: Translate, intlLocale: string): string {
  const text = (setting || '').trim();
  if (!text || /^a few minutes$/i.test(text)) return t('fewMinutes');
  const m = /^(\d{1,3})\s*(min|minute|h|hr|hour|day)s?$/i.exec(text);
  if (!m) return text;
  try {
    return new Intl.NumberFormat(intlLocale, { style: 'unit', unit: UNITS[m[2].toLowerCase()], unitDisplay: 'long' }).format(Number(m[1]));
  } catch {
    return text;
  }
}
