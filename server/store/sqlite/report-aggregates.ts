import type Database from 'better-sqlite3';
import type { MiddleRow } from '../report-rows.ts';

/**
 * Two aggregate functions the report queries (reports.ts) use on SQLite, so that a year of a site's
 * conversations is read in one pass of each covering index with nothing sorted and no row object
 * made per conversation. SQLite would sort every row into a temporary b-tree for a GROUP BY (the
 * index order is not the group order) or an ORDER BY window; that, or handing 100,000 rows to
 * JavaScript as objects, was most of a year's report (bench/findings.md #10).
 *
 * parley_counts(k1[, k2]): how often each key (or pair of keys) occurs, as JSON [[k1, (k2,) n], ...] ('[]' over no rows).
 * parley_middles(staffId, ms): the middle values (report-rows.ts MiddleRow) of the non-null `ms`,
 *   over all of them (staffId null in the result) and per non-null staffId, as JSON.
 */
const registered = new WeakSet<Database.Database>();

export function registerReportAggregates(raw: Database.Database): void {
  if (registered.has(raw)) return;
  registered.add(raw);
  raw.aggregate('parley_counts', {
    varargs: true,
    start: () => ({ pairs: false, counts: new Map<unknown, number>() }),
    step: (acc: Counts, ...keys: unknown[]) => {
      acc.pairs = keys.length > 1;
      const key = acc.pairs ? JSON.stringify(keys) : keys[0];
      acc.counts.set(key, (acc.counts.get(key) ?? 0) + 1);
      return acc;
    },
    result: (acc: Counts) => JSON.stringify([...acc.counts].map(([key, n]) => (acc.pairs ? [...JSON.parse(key as string), n] : [key, n]))),
  });
  raw.aggregate('parley_middles', {
    varargs: true,
    start: () => ({ all: [], by: new Map() }) as Middles,
    step: (acc: Middles, ...args: unknown[]) => {
      const [staffId, ms] = args as [string | null, number | null];
      if (ms === null) return acc;
      acc.all.push(ms);
      if (staffId !== null) {
        let list = acc.by.get(staffId);
        if (!list) acc.by.set(staffId, (list = []));
        list.push(ms);
      }
      return acc;
    },
    result: (acc: Middles) => JSON.stringify([...middles(null, acc.all), ...[...acc.by].flatMap(([staffId, list]) => middles(staffId, list))]),
  });
}

interface Counts {
  pairs: boolean;
  counts: Map<unknown, number>;
}
interface Middles {
  all: number[];
  by: Map<string, number[]>;
}

/** The one or two middle values of `values` in order (none when empty), with their group's size. */
export function middles(staffId: string | null, values: number[]): MiddleRow[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  return lo === hi ? [{ staffId, ms: sorted[lo], n }] : [{ staffId, ms: sorted[lo], n }, { staffId, ms: sorted[hi], n }];
}
