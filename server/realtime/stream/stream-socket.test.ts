import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { CloseCodes } from '../../../protocol/index.ts';
import { sendWithBackpressure } from '../backpressure.ts';
import { StreamSocket } from './stream-socket.ts';
import { fakeResponse } from './test-stream-client.ts';

function socket(hardFrameBytes = 100) {
  const res = fakeResponse();
  const s = new StreamSocket(res as unknown as ServerResponse, 'id-0123456789abcdef', hardFrameBytes);
  const closes: number[] = [];
  const messages: string[] = [];
  s.on('close', (code) => closes.push(code));
  s.on('message', (data) => messages.push(String(data)));
  return { res, s, closes, messages };
}

test('the stream says its id first, writes each frame as one data line, and closes with the code a WebSocket would carry', () => {
  const { res, s, closes } = socket();
  assert.equal(res.written[0], 'event: open\ndata: {"stream":"id-0123456789abcdef"}\n\n');
  s.send('{"type":"heartbeat","t":1}');
  assert.equal(res.written[1], 'data: {"type":"heartbeat","t":1}\n\n');
  s.ping();
  assert.equal(res.written[2], 'event: ping\ndata: 1\n\n');
  s.close(CloseCodes.rateLimited, 'rate_limited');
  assert.equal(res.written[3], 'event: close\ndata: {"code":4008,"reason":"rate_limited"}\n\n');
  assert.ok(res.ended);
  assert.deepEqual(closes, [4008]);
  s.send('{"late":true}');
  assert.equal(res.written.length, 4, 'nothing after the close');
});

test('a stream whose client stopped reading is a slow consumer, like a socket: closed 4009 by the shared backpressure check', () => {
  const { res, s, closes } = socket();
  res.writableLength = 5000;
  assert.equal(s.bufferedAmount, 5000);
  assert.equal(sendWithBackpressure(s, '{"type":"event"}', 4096), false);
  assert.deepEqual(closes, [CloseCodes.slowConsumer]);
  assert.match(res.written.at(-1)!, /"code":4009/);
});

test('batches are applied once, in order; a frame above the hard limit closes 1009 without being read', () => {
  const { s, closes, messages } = socket(100);
  assert.equal(s.deliver(1, ['a', 'b']), 'delivered');
  assert.equal(s.deliver(1, ['a', 'b']), 'repeat');
  assert.equal(s.deliver(3, ['d']), 'gap');
  assert.equal(s.deliver(2, ['c']), 'delivered');
  assert.deepEqual(messages, ['a', 'b', 'c']);
  s.pong(5);
  assert.equal(s.deliver(3, ['x'.repeat(101), 'after']), 'delivered');
  assert.deepEqual(messages, ['a', 'b', 'c'], 'neither the big frame nor what follows it was read');
  assert.deepEqual(closes, [CloseCodes.tooLarge]);
});

test('a pong answers only the latest ping', () => {
  const { s } = socket();
  let pongs = 0;
  s.on('pong', () => pongs++);
  s.ping();
  s.ping();
  s.pong(1);
  assert.equal(pongs, 0, 'an answer to an older ping proves nothing about the current one');
  s.pong(2);
  assert.equal(pongs, 1);
});
