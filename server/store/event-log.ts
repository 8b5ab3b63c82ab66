/**
 * Both dialects keep the event log in two tables: a message.created event is its message row, every
 * other event an events row. Replay reads both, each sorted by the same key (seq within a
 * conversation, cursor within a site), and merges them into the first `limit` of the log.
 */
export function mergeLog<T>(events: T[], messages: T[], keyOf: (t: T) => number, limit: number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < events.length || j < messages.length)) {
    if (j >= messages.length || (i < events.length && keyOf(events[i]) < keyOf(messages[j]))) out.push(events[i++]);
    else out.push(messages[j++]);
  }
  return out;
}
