/**
 * Reads of one kind asked during one event-loop turn, sent to PostgreSQL as one query. Every visitor
 * message reads its send target and its blocks before the append; one round trip each was two
 * queries per message, and on this kind of machine a query's cost is mostly its socket writes and
 * PostgreSQL's per-statement work, not the rows (at 1,000 msg/s on 3 processes: ~600 of these a
 * second per process). Asked in one turn, they share one statement with `= ANY` or `unnest`. A read
 * waits at most for the end of the current turn; each caller gets its own answer or the query's error.
 */
export function readBatcher<K, V>(run: (keys: K[]) => Promise<V[]>, maxBatch = 500): (key: K) => Promise<V> {
  type Ask = { key: K; resolve: (v: V) => void; reject: (e: unknown) => void };
  let asked: Ask[] | null = null;
  const send = (part: Ask[]) =>
    run(part.map((a) => a.key)).then(
      (values) => part.forEach((a, i) => a.resolve(values[i])),
      (err) => part.forEach((a) => a.reject(err)),
    );
  return (key) =>
    new Promise<V>((resolve, reject) => {
      if (!asked) {
        const turn: Ask[] = (asked = []);
        setImmediate(() => {
          asked = null;
          for (let i = 0; i < turn.length; i += maxBatch) void send(turn.slice(i, i + maxBatch));
        });
      }
      asked.push({ key, resolve, reject });
    });
}
