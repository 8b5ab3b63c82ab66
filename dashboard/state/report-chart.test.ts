import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartBars, chartDays, dateRange, dayCount, humanDuration, lastDays, localDate } from './report-chart.ts';

test('the chart scales bars to the busiest day, one pair per day, with gridlines', () => {
  const { bars, max, ticks } = chartBars(
    [
      { day: '2026-03-01', opened: 4, resolved: 2 },
      { day: '2026-03-02', opened: 0, resolved: 8 },
    ],
    200,
    100,
  );
  assert.equal(max, 8);
  assert.deepEqual(ticks, [0, 2, 4, 6, 8]);
  assert.deepEqual(bars.map((b) => [b.opened.height, b.resolved.height, b.resolved.y]), [[50, 25, 75], [0, 100, 0]]);
  assert.ok(bars[1].x > bars[0].x + bars[0].width * 2, 'pairs do not overlap');
  assert.deepEqual(chartBars([], 200, 100).bars, []);
});

test('ranges end at the end of today; durations read like people say them', () => {
  const now = new Date(2026, 2, 4, 15, 0).getTime();
  const r = lastDays(7, now);
  assert.equal(r.to, new Date(2026, 2, 5, 0, 0).getTime());
  assert.equal(r.to - r.from, 7 * 86_400_000);
  assert.deepEqual([humanDuration(null), humanDuration(45_000), humanDuration(12 * 60_000), humanDuration(3.5 * 3_600_000), humanDuration(2.1 * 86_400_000)], ['—', '45 s', '12 min', '3.5 h', '2.1 d']);
});

test("a chosen range runs from the first day's local midnight to the midnight after the last", () => {
  const r = dateRange('2026-03-01', '2026-03-31')!;
  assert.equal(r.from, new Date(2026, 2, 1).getTime());
  assert.equal(r.to, new Date(2026, 3, 1).getTime());
  assert.equal(dayCount(r), 31);
  assert.equal(dayCount(dateRange('2026-03-04', '2026-03-04')!), 1, 'one day is a range');
  assert.equal(dateRange('2026-03-05', '2026-03-04'), null, 'the last day before the first');
  assert.equal(dateRange('2026-02-31', '2026-03-04'), null, 'not a date');
  assert.equal(dateRange('2026-03-01', ''), null);
  assert.equal(dayCount(dateRange('2026-01-01', '2026-12-31')!), 365, 'a year, whatever DST does in between');
  assert.equal(localDate(new Date(2026, 0, 9, 23, 30).getTime()), '2026-01-09');
});

test('up to 92 days the chart has a bar per day; a longer range a bar per week, summed', () => {
  const days = (n: number) => Array.from({ length: n }, (_, i) => ({ day: `d${i}`, opened: 1, resolved: i % 2 }));
  assert.equal(chartDays(days(92)).length, 92);
  const weeks = chartDays(days(366));
  assert.equal(weeks.length, 53);
  assert.deepEqual(weeks[0], { day: 'd0', until: 'd6', opened: 7, resolved: 3 });
  assert.deepEqual(weeks[52], { day: 'd364', until: 'd365', opened: 2, resolved: 1 }, 'the last week is what is left');
  assert.equal(weeks.reduce((n, w) => n + w.opened, 0), 366, 'nothing lost');
});
