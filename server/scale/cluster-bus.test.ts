import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { ServerEvent } from '../../protocol/index.ts';
import { busSuite } from '../bus/bus.suite.ts';
import { createClusterBus } from './cluster-bus.ts';
import { REDIS_URL, deleteKeys } from './test-cluster.ts';

// A random prefix per run keeps parallel runs apart; its keys are removed afterwards.
const prefix = `parley-test:${randomBytes(6).toString('hex')}:`;
after(() => deleteKeys(prefix));

busSuite('cluster (Redis + presence)', () => createClusterBus({ url: REDIS_URL, prefix, onError: () => {} }), { sharedAcrossInstances: true });

describe('cluster bus', () => {
  it('puts durable events that reached Redis out of seq order back in order for each listener', async () => {
    const bus = await createClusterBus({ url: REDIS_URL, prefix, onError: () => {}, reorderWaitMs: 5_000 });
    const raw = new Redis(REDIS_URL);
    try {
      const got: number[] = [];
      const topic = `order-test:${randomBytes(4).toString('hex')}`;
      await bus.subscribe(topic, (e) => void ('seq' in e && got.push(e.seq)));
      const ev = (seq: number): ServerEvent => ({ kind: 'read.moved', conversationId: 'c', seq, cursor: seq, reader: { kind: 'visitor', id: 'v' }, upTo: 0 });
      // As two processes would: seq 1 from one, then 3 and 2 from others, 2 reaching Redis last.
      for (const seq of [1, 3, 2, 4]) await raw.publish(prefix + topic, JSON.stringify(ev(seq)));
      const end = Date.now() + 3000;
      while (got.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      assert.deepEqual(got, [1, 2, 3, 4]);
    } finally {
      await raw.quit();
      await bus.close();
    }
  });
});
