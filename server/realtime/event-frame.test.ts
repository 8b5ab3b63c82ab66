import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServerEvent } from '../../protocol/index.ts';
import { ackFrame, eventFrame } from './event-frame.ts';

test('an event frame is the event serialized once, the same text for every socket', () => {
  const event = { kind: 'presence', entry: { actor: { kind: 'staff', id: 'stf_1' }, status: 'online' } } as unknown as ServerEvent;
  const first = eventFrame(event);
  assert.deepEqual(JSON.parse(first), { type: 'event', event });
  assert.equal(eventFrame(event), first);
  // Another object with the same content is serialized on its own (the cache is by identity).
  const other = { ...event };
  assert.equal(eventFrame(other), first);
});

test("a message.send ack and its message.created event carry the same message, serialized once, as plain JSON would", () => {
  const message = { id: 'msg_1', conversationId: 'cnv_1', seq: 3, text: 'héllo "there"\n', author: { kind: 'visitor', id: 'vis_1' }, attachments: [], createdAt: 5 };
  const event = { kind: 'message.created', conversationId: 'cnv_1', seq: 3, cursor: 9, message, prevVisibleSeq: 2 } as unknown as ServerEvent;
  assert.deepEqual(JSON.parse(eventFrame(event)), { type: 'event', event });
  const result = { messageId: 'msg_1', conversationId: 'cnv_1', seq: 3, createdAt: 5, message };
  assert.deepEqual(JSON.parse(ackFrame('c17', result)), { type: 'ack', id: 'c17', result });
  // Acks without a message, and ids that need escaping, are plain JSON too.
  assert.deepEqual(JSON.parse(ackFrame('a"b', { seq: 1 })), { type: 'ack', id: 'a"b', result: { seq: 1 } });
  assert.deepEqual(JSON.parse(ackFrame('x', { message })), { type: 'ack', id: 'x', result: { message } });
});
