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

/** The range of the last `days` days, ending at the end of today (local), as [from, to). */
export function lastDays(days: number, now: number): { from: number; to: number } {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return { from: end.getTime() - days * 86_400_000, to: end.getTime() };
}

/** A duration for people: "45 s", "12 min", "3.5 h", "2.1 d"; "—" when there is none. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 360_000) / 10} h`;
  return `${Math.round(ms / 8_640_000) / 10} d`;
}
