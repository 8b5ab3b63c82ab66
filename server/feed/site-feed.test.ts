import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RoutedEvent } from '../store/store.ts';
import { SiteFeed } from './site-feed.ts';

/** Timers that fire only when the test says so. */
function manualTimers() {
  let seq = 0;
  const pending = new Map<number, () => void>();
  return {
    timers: {
      setTimeout: (fn: () => void) => (pending.set(++seq, fn), seq),
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    fire() {
      const all = [...pending.values()];
      pending.clear();
      for (const fn of all) fn();
    },
    get armed() {
      return pending.size;
    },
  };
}

const ev = (cursor: number): RoutedEvent => ({
  event: { kind: 'read.moved', conversationId: 'cnv', seq: cursor, cursor, reader: { kind: 'visitor', id: 'v' }, upTo: 0 },
  visitorId: 'v',
  visible: true,
});
const settle = () => new Promise((r) => setImmediate(r));

/** A feed over an in-memory log (what the store holds), recording what it delivers and reads. */
function feedOver(log: number[], start = 0) {
  const t = manualTimers();
  const delivered: number[] = [];
  const reads: number[] = [];
  let failNext = false;
  const feed = new SiteFeed(start, {
    read: async (after, limit) => {
      reads.push(after);
      if (failNext) {
        failNext = false;
        throw new Error('store down');
      }
      return log.filter((c) => c > after).slice(0, limit).map(ev);
    },
    deliver: (e) => delivered.push(e.event.cursor),
    gapWaitMs: 100,
    timers: t.timers,
    onError: () => {},
  });
  return { feed, t, delivered, reads, failNextRead: () => void (failNext = true) };
}

describe('site feed: one site, cursor order, holes filled from the store', () => {
  test('in-order events pass at once; duplicates and old ones are dropped; reordered ones wait for the missing', async () => {
    const { feed, delivered, reads, t } = feedOver([1, 2, 3, 4, 5]);
    feed.push(ev(1));
    feed.push(ev(1));
    feed.push(ev(3));
    assert.deepEqual(delivered, [1], '3 waits for 2');
    assert.equal(t.armed, 1);
    feed.push(ev(2));
    assert.deepEqual(delivered, [1, 2, 3]);
    assert.equal(t.armed, 0, 'nothing waits any more');
    assert.deepEqual(reads, [], 'no store read when the bus delivered everything');
  });

  test('a hole that does not fill within the wait is read from the store, then the held events follow', async () => {
    const { feed, delivered, reads, t } = feedOver([1, 2, 3, 4, 5, 6]);
    feed.push(ev(1));
    feed.push(ev(5));
    feed.push(ev(4));
    t.fire();
    await settle();
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6], 'the store had 6 too');
    assert.deepEqual(reads, [1]);
    feed.push(ev(6));
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6], 'no duplicate');
  });

  test('behind(latest) reads at once; a failed read is tried again after the wait', async () => {
    const { feed, delivered, t, failNextRead } = feedOver([1, 2, 3]);
    failNextRead();
    feed.behind(3);
    await settle();
    assert.deepEqual(delivered, []);
    t.fire();
    await settle();
    assert.deepEqual(delivered, [1, 2, 3]);
    feed.behind(2);
    assert.equal(t.armed, 0, 'not behind: nothing to do');
  });

  test('cursors from before the per-site counter (gaps the store confirms) are skipped, not waited for', async () => {
    const { feed, delivered, t } = feedOver([2, 5, 6], 0);
    feed.push(ev(6));
    t.fire();
    await settle();
    assert.deepEqual(delivered, [2, 5, 6]);
    feed.push(ev(7));
    assert.deepEqual(delivered, [2, 5, 6, 7]);
  });

  test('reads page through a long hole', async () => {
    const log = Array.from({ length: 1_234 }, (_, i) => i + 1);
    const { feed, delivered, reads } = feedOver(log);
    feed.behind(1_234);
    await settle();
    await settle();
    await settle();
    assert.deepEqual(delivered, log);
    assert.deepEqual(reads, [0, 500, 1000]);
  });
});
