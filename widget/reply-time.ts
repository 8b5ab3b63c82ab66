import type { Translate } from './i18n.ts';

/**
 * The "Replies in …" part of the header in the visitor's language. The server's usual reply time
 * (hello.replyMinutes) is said as "5 minutes" or "2 hours". Without it, the site's replyTime setting,
 * which is the owner's own words in one language: the default wording ("a few minutes") and plain
 * durations ("5 minutes", "2 hours", "1 day") are recognised and said in the visitor's language with
 * Intl; anything else is shown as written.
 */
const UNITS: Record<string, string> = { min: 'minute', minute: 'minute', h: 'hour', hr: 'hour', hour: 'hour', day: 'day' };

export function replyTimeText(minutes: number | undefined, setting: string | undefined, t: Translate, intlLocale: string): string {
  if (minutes) return minutes >= 90 ? duration(Math.round(minutes / 60), 'hour', intlLocale) : duration(minutes, 'minute', intlLocale);
  const text = (setting || '').trim();
  if (!text || /^a few minutes$/i.test(text)) return t('fewMinutes');
  const m = /^(\d{1,3})\s*(min|minute|h|hr|hour|day)s?$/i.exec(text);
  return m ? duration(Number(m[1]), UNITS[m[2].toLowerCase()], intlLocale, text) : text;
}

/** "5 minutes" in the visitor's language; where Intl lacks unit formatting, `plain` (else "5 minutes" in English). */
function duration(n: number, unit: string, intlLocale: string, plain = `${n} ${unit}s`): string {
  try {
    return new Intl.NumberFormat(intlLocale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  } catch {
    return plain;
  }
}
