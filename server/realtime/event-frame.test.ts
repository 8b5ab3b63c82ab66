import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerEvent } from '../../protocol/index.ts';
import { eventFrame } from './event-frame.ts';

test('an event frame is the event serialized once, the same text for every socket', () => {
  const event = { kind: 'presence', entry: { actor: { kind: 'staff', id: 'stf_1' }, status: 'online' } } as unknown as ServerEvent;
  const first = eventFrame(event);
  assert.deepEqual(JSON.parse(first), { type: 'event', event });
  assert.equal(eventFrame(event), first);
  // Another object with the same content is serialized on its own (the cache is by identity).
  const other = { ...event };
  assert.equal(eventFrame(other), first);
});
