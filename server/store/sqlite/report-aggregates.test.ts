import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { middles, registerReportAggregates } from './report-aggregates.ts';

test('middles: one value for an odd count, the two middle ones for an even count, none for nothing', () => {
  assert.deepEqual(middles(null, [30, 10, 20]), [{ staffId: null, ms: 20, n: 3 }]);
  assert.deepEqual(middles('s1', [40, 10, 20, 30]), [{ staffId: 's1', ms: 20, n: 4 }, { staffId: 's1', ms: 30, n: 4 }]);
  assert.deepEqual(middles('s1', [7]), [{ staffId: 's1', ms: 7, n: 1 }]);
  assert.deepEqual(middles(null, []), []);
  assert.deepEqual(middles(null, [1e12, 2, 3e9]), [{ staffId: null, ms: 3e9, n: 3 }], 'numeric order, not text order');
});

test('the aggregates in SQL: counts of keys and of pairs, nulls skipped for the middles, nothing over no rows', () => {
  const db = new Database(':memory:');
  registerReportAggregates(db);
  registerReportAggregates(db); // once per connection, however often asked
  db.exec(`CREATE TABLE t (day INTEGER, staff TEXT, score INTEGER, ms INTEGER);
    INSERT INTO t VALUES (1, 'a', 5, 10), (1, 'b', 4, NULL), (2, 'a', 5, 30), (2, NULL, 3, 20), (2, 'a', 5, 50);`);
  const row = db.prepare('SELECT parley_counts(day), parley_counts(staff, score), parley_middles(staff, ms) FROM t').raw(true).get() as string[];
  const [days, pairs, mid] = row.map((j) => JSON.parse(j));
  assert.deepEqual(days, [[1, 2], [2, 3]]);
  assert.deepEqual(pairs, [['a', 5, 3], ['b', 4, 1], [null, 3, 1]]);
  assert.deepEqual(mid, [
    { staffId: null, ms: 20, n: 4 },
    { staffId: null, ms: 30, n: 4 },
    { staffId: 'a', ms: 30, n: 3 },
  ], 'all four values (the null staff one too), and a of its three; b had no value');
  assert.deepEqual(db.prepare('SELECT parley_counts(day), parley_middles(staff, ms) FROM t WHERE day > 5').raw(true).get(), ['[]', '[]'], 'no rows: nothing');
});
