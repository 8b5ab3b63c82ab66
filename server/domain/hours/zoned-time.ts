/**
 * Wall-clock time in an IANA time zone, from Node's own Intl (ICU ships the tz database), so no tz
 * library is needed. A formatter per zone is cached: making one costs far more than using it.
 */

/** A local date and the minute of its day, as a clock on the wall of that zone shows it. */
export interface WallTime {
  /** The local date as YYYY-MM-DD. */
  date: string;
  /** 0 Monday … 6 Sunday (ISO order, as the schedule's `mon`…`sun`). */
  weekday: number;
  /** Minutes since local midnight, 0-1439. */
  minute: number;
  /** The wall clock read as if it were UTC: what the zone's offset is measured against. */
  asUtc: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (Europe/Berlin, UTC); the admin route refuses others. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What the wall clock in `timeZone` shows at instant `t` (epoch ms). */
export function wallTime(t: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return fromUtcDate(asUtc, parts.hour! * 60 + parts.minute!);
}

/** A local date (YYYY-MM-DD) shifted by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (0 Monday … 6 Sunday) of a local date. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The instant the wall clock in `timeZone` shows `minute` minutes after midnight of `date` (minute may
 * pass 1440: the next day). Like Temporal's 'compatible': a time that happens twice (clocks go back)
 * is its first occurrence; a time that never happens (clocks go forward) is as late as the gap is
 * long, so 02:30 on Berlin's spring-forward night is 03:30 CEST.
 */
export function instantAt(date: string, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  const day = 86_400_000;
  const before = offsetAt(wall - day, timeZone);
  const after = offsetAt(wall + day, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  return candidates.length ? Math.min(...candidates) : wall - before;
}

/** The zone's offset from UTC at instant t, in ms (Berlin in summer: +7,200,000). */
function offsetAt(t: number, timeZone: string): number {
  const whole = Math.floor(t / 1000) * 1000;
  return wallTime(whole, timeZone).asUtc - whole;
}

function fromUtcDate(asUtc: number, minute: number): WallTime {
  const date = new Date(asUtc).toISOString().slice(0, 10);
  return { date, weekday: weekdayOf(date), minute, asUtc };
}
