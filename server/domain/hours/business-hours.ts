import type { BusinessHours } from '../../../protocol/schema/admin.ts';
import { WEEKDAYS, type HoursState } from '../../../protocol/index.ts';
import { addDays, instantAt, wallTime, weekdayOf } from './zoned-time.ts';

/**
 * "Are we open now, and until when?" for a site's business hours: a weekly schedule of spans in the
 * site's time zone, and holidays. Pure: the caller passes the instant (an injected clock).
 *
 * - A span runs from `from` on its day until `to`; a `to` that is not after `from` ends the next day
 *   (Fri 22:00-02:00 is open Saturday until 2:00; 00:00-00:00 is the whole day).
 * - Spans are wall-clock times, so across a DST change they keep their local hours: a span that starts
 *   in the hour clocks skip starts when the clocks show a time inside it again.
 * - A holiday closes its whole local date, the tail of an overnight span that reaches into it too.
 */

const DAY_MINUTES = 1440;

interface Span {
  weekday: number;
  from: number;
  /** Minutes from `from`, 1 to 1440. */
  length: number;
}

const toMinutes = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

function spansOf(hours: BusinessHours): Span[] {
  return hours.week.map((s) => {
    const from = toMinutes(s.from);
    const to = toMinutes(s.to);
    return { weekday: WEEKDAYS.indexOf(s.day), from, length: to > from ? to - from : to - from + DAY_MINUTES };
  });
}

/** Within the business hours at instant t? */
export function isOpen(hours: BusinessHours, t: number): boolean {
  return openAt(hours, spansOf(hours), new Set(hours.holidays ?? []), t);
}

function openAt(hours: BusinessHours, spans: Span[], holidays: Set<string>, t: number): boolean {
  const now = wallTime(t, hours.timezone);
  if (holidays.has(now.date)) return false;
  return spans.some((s) => {
    if (s.weekday === now.weekday && now.minute >= s.from && now.minute < s.from + s.length) return true;
    // The tail of yesterday's overnight span.
    return (s.weekday + 1) % 7 === now.weekday && s.from + s.length > DAY_MINUTES && now.minute < s.from + s.length - DAY_MINUTES;
  });
}

/**
 * Open or not at t, and when that next changes (`until`); without hours: open, never changing. The
 * state can only change at a span's start or end or at a local midnight (a holiday's edge), so those
 * instants are tried in order; the search covers a week past the last holiday.
 */
export function hoursState(hours: BusinessHours | undefined, t: number): HoursState {
  if (!hours) return { open: true };
  const spans = spansOf(hours);
  const holidays = new Set(hours.holidays ?? []);
  const open = openAt(hours, spans, holidays, t);
  const today = wallTime(t, hours.timezone).date;
  const lastHoliday = [...holidays].sort().at(-1);
  const horizon = Math.max(8, lastHoliday && lastHoliday > today ? daysBetween(today, lastHoliday) + 8 : 0);
  // Candidates one day at a time, from yesterday (its overnight span may still run); a day's
  // candidates can reach into the next day, so a day's changes are certain only once the next day's
  // candidates are in too: look one day behind.
  const pending: number[] = [];
  for (let k = -1; k <= horizon + 1; k++) {
    const date = addDays(today, k);
    const weekday = weekdayOf(date);
    pending.push(instantAt(date, 0, hours.timezone));
    for (const s of spans) {
      if (s.weekday !== weekday) continue;
      pending.push(instantAt(date, s.from, hours.timezone), instantAt(date, s.from + s.length, hours.timezone));
    }
    if (k <= 0) continue;
    const settledBefore = instantAt(date, 0, hours.timezone);
    pending.sort((a, b) => a - b);
    while (pending.length && pending[0]! < settledBefore) {
      const c = pending.shift()!;
      if (c > t && openAt(hours, spans, holidays, c) !== open) return { open, until: c };
    }
  }
  return { open };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
