import assert from 'node:assert/strict';
import { it } from 'node:test';
import { busSuite } from './bus.suite.ts';
import { createLocalBus } from './local.ts';

busSuite('local', async () => createLocalBus({ onListenerError: () => {} }));

it('local bus: reports listener errors to onListenerError with the topic', async () => {
  const errors: [unknown, string][] = [];
  const bus = createLocalBus({ onListenerError: (e, t) => errors.push([e, t]) });
  await bus.subscribe('t', () => {
    throw new Error('boom');
  });
  await bus.publish('t', { kind: 'availability', status: 'online' });
  assert.equal(errors.length, 1);
  assert.equal(errors[0][1], 't');
  await bus.close();
});

it('local bus: delivers synchronously, before publish resolves', async () => {
  const bus = createLocalBus();
  let got = 0;
  await bus.subscribe('t', () => got++);
  const p = bus.publish('t', { kind: 'availability', status: 'online' });
  assert.equal(got, 1);
  await p;
  await bus.close();
});
