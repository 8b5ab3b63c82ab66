import type { Report } from '../../protocol/index.ts';

/**
 * The report's bar chart as plain numbers (the component draws them as SVG): a pair of bars per day,
 * opened and resolved, scaled to the busiest day, with a few gridline values. Pure, so it is tested
 * without a browser, and no chart library is needed for a few rectangles.
 */
export interface ChartBar {
  day: string;
  x: number;
  width: number;
  opened: { y: number; height: number; value: number };
  resolved: { y: number; height: number; value: number };
}

export function chartBars(days: Report['days'], width: number, height: number): { bars: ChartBar[]; max: number; ticks: number[] } {
  const max = Math.max(1, ...days.map((d) => Math.max(d.opened, d.resolved)));
  const slot = days.length ? width / days.length : width;
  const bar = Math.max(1, slot * 0.38);
  const scale = (v: number) => (v / max) * height;
  const bars = days.map((d, i) => {
    const x = i * slot + slot * 0.1;
    return {
      day: d.day,
      x,
      width: bar,
      opened: { y: height - scale(d.opened), height: scale(d.opened), value: d.opened },
      resolved: { y: height - scale(d.resolved), height: scale(d.resolved), value: d.resolved },
    };
  });
  const step = Math.max(1, Math.ceil(max / 4));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return { bars, max, ticks };
}

/** Bars a chart shows one per day; a longer range is drawn a bar per week (a year would be 1 px bars). */
export const DAILY_BARS = 92;

/**
 * The report's days as the chart draws them: as they are up to DAILY_BARS days, else summed per 7
 * days from the first (the last bucket may be shorter), each named by its first day and `until` its last.
 */
export function chartDays(days: Report['days']): (Report['days'][number] & { until?: string })[] {
  if (days.length <= DAILY_BARS) return days;
  const out: (Report['days'][number] & { until: string })[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const week = days.slice(i, i + 7);
    out.push({ day: week[0].day, until: week[week.length - 1].day, opened: week.reduce((n, d) => n + d.opened, 0), resolved: week.reduce((n, d) => n + d.resolved, 0) });
  }
  return out;
}

/** The range of the last `days` days, ending at the end of today (local), as [from, to). */
export function lastDays(days: number, now: number): { from: number; to: number } {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return { from: end.getTime() - days * 86_400_000, to: end.getTime() };
}

/** A local day as an <input type="date"> holds it: 'YYYY-MM-DD'. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/**
 * A chosen range of whole local days, the first to the last inclusive ('YYYY-MM-DD' each, as date
 * inputs give them), as [from, to): from the first day's midnight to the midnight after the last (a
 * day across a DST change is 23 or 25 hours long, as the calendar has it). null when either is not a
 * date or the last is before the first.
 */
export function dateRange(first: string, last: string): { from: number; to: number } | null {
  const midnight = (s: string, extraDays = 0) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return NaN;
    const d = new Date(+m[1], +m[2] - 1, +m[3] + extraDays);
    // Rolled over (2026-02-31 is March 3rd): not a date.
    return extraDays === 0 && d.getDate() !== +m[3] ? NaN : d.getTime();
  };
  const from = midnight(first);
  const to = midnight(last, 1);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(midnight(last)) || to <= from) return null;
  return { from, to };
}

/** How many calendar days [from, to) spans (rounded: DST days are not 24 h long). */
export const dayCount = (r: { from: number; to: number }): number => Math.round((r.to - r.from) / 86_400_000);

/** A duration for people: "45 s", "12 min", "3.5 h", "2.1 d"; "—" when there is none. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 360_000) / 10} h`;
  return `${Math.round(ms / 8_640_000) / 10} d`;
}
