import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerEvent } from '../../protocol/index.ts';
import type { Bus } from './bus.ts';

export interface BusSuiteOptions {
  /** Two buses from makeBus share delivery (Redis: yes; local in-process buses: no). */
  sharedAcrossInstances?: boolean;
}

const typing = (n: number): ServerEvent => ({ kind: 'typing', conversationId: `cnv_${n}`, actor: { kind: 'visitor', id: 'vis_1' }, typing: n % 2 === 0 });

/** Resolves when `done()` holds; fails after `ms`. Delivery may be asynchronous (networked buses). */
async function until(done: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting for delivery');
    await new Promise((r) => setTimeout(r, 2));
  }
}

let topicSeq = 0;
const freshTopic = (name: string) => `test:${process.pid}:${Date.now()}:${++topicSeq}:${name}`;

/** The behaviour every Bus keeps. `makeBus` returns a new, ready bus. */
export function busSuite(name: string, makeBus: () => Promise<Bus>, opts: BusSuiteOptions = {}): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    before(async () => {
      bus = await makeBus();
    });
    after(async () => {
      await bus.close();
    });

    it('delivers every event of a topic, in publish order, only to that topic', async () => {
      const topic = freshTopic('order');
      const other = freshTopic('other');
      const got: ServerEvent[] = [];
      const gotOther: ServerEvent[] = [];
      const off = await bus.subscribe(topic, (e) => got.push(e));
      const offOther = await bus.subscribe(other, (e) => gotOther.push(e));
      const sent = Array.from({ length: 300 }, (_, i) => typing(i));
      await Promise.all(sent.map((e) => bus.publish(topic, e)));
      await until(() => got.length >= sent.length);
      assert.deepEqual(got, sent);
      assert.equal(gotOther.length, 0);
      await off();
      await offOther();
    });

    it('delivers to every subscriber of the topic', async () => {
      const topic = freshTopic('fanout');
      const a: ServerEvent[] = [];
      const b: ServerEvent[] = [];
      const offA = await bus.subscribe(topic, (e) => a.push(e));
      const offB = await bus.subscribe(topic, (e) => b.push(e));
      await bus.publish(topic, typing(1));
      await until(() => a.length === 1 && b.length === 1);
      assert.deepEqual(a, [typing(1)]);
      assert.deepEqual(b, [typing(1)]);
      await offA();
      await offB();
    });

    it('stops delivering after unsubscribe', async () => {
      const topic = freshTopic('unsub');
      const a: ServerEvent[] = [];
      const sentinel: ServerEvent[] = [];
      const offA = await bus.subscribe(topic, (e) => a.push(e));
      const offS = await bus.subscribe(topic, (e) => sentinel.push(e));
      await bus.publish(topic, typing(1));
      await until(() => a.length === 1 && sentinel.length === 1);
      await offA();
      await bus.publish(topic, typing(2));
      await until(() => sentinel.length === 2);
      assert.deepEqual(a, [typing(1)]);
      await offS();
    });

    it('isolates a throwing listener: the others still get every event', async () => {
      const topic = freshTopic('throw');
      const got: ServerEvent[] = [];
      const offBad = await bus.subscribe(topic, () => {
        throw new Error('listener bug (expected in this test)');
      });
      const offGood = await bus.subscribe(topic, (e) => got.push(e));
      await bus.publish(topic, typing(1));
      await bus.publish(topic, typing(2));
      await until(() => got.length === 2);
      assert.deepEqual(got, [typing(1), typing(2)]);
      await offBad();
      await offGood();
    });

    it('lets a listener unsubscribe another during dispatch: it gets nothing more', async () => {
      const topic = freshTopic('unsub-during');
      const b: ServerEvent[] = [];
      const a: ServerEvent[] = [];
      let offB: (() => Promise<void> | void) | null = null;
      const offA = await bus.subscribe(topic, (e) => {
        a.push(e);
        if (offB) void offB();
        offB = null;
      });
      offB = await bus.subscribe(topic, (e) => b.push(e));
      await bus.publish(topic, typing(1));
      await bus.publish(topic, typing(2));
      await until(() => a.length === 2);
      assert.ok(!b.some((e) => (e as { conversationId?: string }).conversationId === 'cnv_2'), 'B got an event after being unsubscribed');
      await offA();
    });

    it('lets a listener unsubscribe itself during dispatch', async () => {
      const topic = freshTopic('self-unsub');
      const got: ServerEvent[] = [];
      const sentinel: ServerEvent[] = [];
      const off = await bus.subscribe(topic, (e) => {
        got.push(e);
        void off();
      });
      const offS = await bus.subscribe(topic, (e) => sentinel.push(e));
      await bus.publish(topic, typing(1));
      await bus.publish(topic, typing(2));
      await until(() => sentinel.length === 2);
      assert.deepEqual(got, [typing(1)]);
      await offS();
    });

    it('keeps order when a listener publishes to the same topic while being called', async () => {
      const topic = freshTopic('reentrant');
      const first: number[] = [];
      const second: number[] = [];
      const n = (e: ServerEvent) => Number((e as { conversationId: string }).conversationId.slice(4));
      const offA = await bus.subscribe(topic, (e) => {
        first.push(n(e));
        if (n(e) === 1) void bus.publish(topic, typing(3));
      });
      const offB = await bus.subscribe(topic, (e) => second.push(n(e)));
      await bus.publish(topic, typing(1));
      await bus.publish(topic, typing(2));
      await until(() => first.length === 3 && second.length === 3);
      assert.deepEqual(second, first, 'both listeners see the same order');
      assert.equal(first[0], 1);
      await offA();
      await offB();
    });

    it('never stores: a late subscriber does not get earlier events', async () => {
      const topic = freshTopic('late');
      const early: ServerEvent[] = [];
      const offE = await bus.subscribe(topic, (e) => early.push(e));
      await bus.publish(topic, typing(1));
      await until(() => early.length === 1);
      const late: ServerEvent[] = [];
      const offL = await bus.subscribe(topic, (e) => late.push(e));
      await bus.publish(topic, typing(2));
      await until(() => early.length === 2 && late.length === 1);
      assert.deepEqual(late, [typing(2)]);
      await offE();
      await offL();
    });

    if (opts.sharedAcrossInstances) {
      it('delivers across bus instances (processes)', async () => {
        const other = await makeBus();
        try {
          const topic = freshTopic('cross');
          const got: ServerEvent[] = [];
          const off = await other.subscribe(topic, (e) => got.push(e));
          for (let i = 0; i < 50; i++) await bus.publish(topic, typing(i));
          await until(() => got.length === 50);
          assert.deepEqual(got, Array.from({ length: 50 }, (_, i) => typing(i)));
          await off();
        } finally {
          await other.close();
        }
      });
    }
  });
}
