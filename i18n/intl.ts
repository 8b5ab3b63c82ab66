/**
 * Dates, times and sizes with Intl, in the reader's locale (see formattingLocale) and, for a
 * visitor's local time, in their time zone. Formatters are cached: building one is far slower than
 * using it, and an inbox formats hundreds of timestamps per render.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // An unknown time zone or tag: the same fields in the default locale and zone.
      const { timeZone: _ignored, ...rest } = options;
      f = new Intl.DateTimeFormat(undefined, rest);
    }
    cache.set(key, f);
  }
  return f;
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** "9:35 PM" (en-US), "21:35" (de, en-GB). */
export const formatTime = (at: number, locale: string, timeZone?: string): string =>
  dateFormat(locale, timeZone ? { ...TIME, timeZone } : TIME).format(at);

/** "Mar 12, 2025, 9:35 PM" / "12.03.2025, 21:35". */
export const formatDateTime = (at: number, locale: string): string =>
  dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);

/** "Mar 12, 2025" / "12.03.2025". */
export const formatDate = (at: number, locale: string): string => dateFormat(locale, { dateStyle: 'medium' }).format(at);

/** "Wednesday, March 12": the heading of a day in a conversation. */
export const formatDayHeading = (at: number, locale: string): string =>
  dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(at);

export const sameDay = (a: number, b: number): boolean => new Date(a).toDateString() === new Date(b).toDateString();

/** An inbox stamp: the time today, the weekday within the last six days, else day and month. */
export function formatStamp(at: number, now: number, locale: string): string {
  if (sameDay(at, now)) return formatTime(at, locale);
  if (now - at < 6 * 24 * 3600_000 && at <= now) return dateFormat(locale, { weekday: 'short' }).format(at);
  return dateFormat(locale, { day: 'numeric', month: 'short' }).format(at);
}

/** "2.5 MB", "340 kB" in the reader's number format. */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  } catch {
    return Math.round(value * 10) / 10 + ' ' + (unit === 'byte' ? 'B' : unit[0].toUpperCase() + 'B');
  }
}

/** "Ben, Ada and Cy" / "Ben, Ada und Cy". */
export function formatList(items: string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
