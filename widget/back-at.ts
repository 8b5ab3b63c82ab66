import type { HoursState } from '../protocol/index.ts';
import type { HoursTranslate } from './part-strings.ts';

const DAY = 86_400_000;

/**
 * When the team is back, in the visitor's language and time zone (the browser's own, so a visitor in
 * Tokyo reads Tokyo time): "Back at 9:00" later today, "Back Monday 9:00" within the week, "Back 4
 * January 9:00" after that. Without a time (no opening ahead) '': the header says the away line.
 * Part of the lazy hours chunk (ui/HoursParts.tsx).
 */
export function backAtText(hours: HoursState, now: number, t: HoursTranslate, intl: string): string {
  if (hours.until === undefined) return '';
  const when = new Date(hours.until);
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  if (new Date(now).toDateString() === when.toDateString()) return t('backToday', { time: new Intl.DateTimeFormat(intl, time).format(when) });
  const day: Intl.DateTimeFormatOptions = hours.until - now < 6 * DAY ? { weekday: 'long' } : { day: 'numeric', month: 'long' };
  return t('backOn', { time: new Intl.DateTimeFormat(intl, { ...day, ...time }).format(when) });
}
