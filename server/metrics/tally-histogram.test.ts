import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { TallyHistogram } from './tally-histogram.ts';

test('TallyHistogram: the same /metrics text as a prom-client Histogram for the same observations', async () => {
  const buckets = [0.001, 0.01, 0.1, 1];
  const ours = new Registry();
  const theirs = new Registry();
  const tally = new TallyHistogram('x_seconds', 'Some lag.', buckets, [ours]);
  const reference = new Histogram({ name: 'x_seconds', help: 'Some lag.', buckets, registers: [theirs] });
  // On a bound, between bounds, below the first, above the last.
  for (const v of [0, 0.001, 0.0011, 0.05, 0.1, 0.5, 1, 7.5]) {
    tally.observe(v);
    reference.observe(v);
  }
  assert.equal(await ours.metrics(), await theirs.metrics());
  // Through Registry.merge too (metrics.ts merges the process-wide registry with the server's own).
  assert.equal(await Registry.merge([ours]).metrics(), await Registry.merge([theirs]).metrics());
  tally.reset();
  reference.reset();
  reference.zero({});
  assert.equal(await ours.metrics(), await theirs.metrics(), 'reset: every bucket 0');
});
