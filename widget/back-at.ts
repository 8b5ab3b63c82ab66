import type { HoursState } from '../protocol/index.ts';
import type { Translate } from './i18n.ts';

const DAY = 86_400_000;

/**
 * When the team is back, in the visitor's language and time zone (the browser's own, so a visitor in
 * Tokyo reads Tokyo time): "Back at 9:00" later today, "Back Monday 9:00" within the week, "Back 4
 * January 9:00" after that. Without a time (no opening ahead) the away line.
 */
export function backAtText(hours: HoursState, now: number, t: Translate, intl: string): string {
  if (hours.until === undefined) return t('awaySub');
  const when = new Date(hours.until);
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  if (new Date(now).toDateString() === when.toDateString()) return t('backToday', { time: new Intl.DateTimeFormat(intl, time).format(when) });
  const day: Intl.DateTimeFormatOptions = hours.until - now < 6 * DAY ? { weekday: 'long' } : { day: 'numeric', month: 'long' };
  return t('backOn', { time: new Intl.DateTimeFormat(intl, { ...day, ...time }).format(when) });
}

/** "5 minutes", "2 hours" for the header's "Replies in …", from the server's usual reply time. */
export function replyMinutesText(minutes: number, intl: string): string {
  const [n, unit] = minutes >= 90 ? [Math.round(minutes / 60), 'hour'] : [minutes, 'minute'];
  try {
    return new Intl.NumberFormat(intl, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  } catch {
    return `${n} ${unit}s`;
  }
}
