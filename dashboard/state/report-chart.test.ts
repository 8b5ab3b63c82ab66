import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartBars, humanDuration, lastDays } from './report-chart.ts';

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
