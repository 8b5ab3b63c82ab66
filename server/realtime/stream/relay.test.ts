import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { createLocalBus } from '../../bus/local.ts';
import { createRelay } from './relay.ts';
import { StreamSocket } from './stream-socket.ts';
import { fakeResponse } from './test-stream-client.ts';

/**
 * A bus as Redis can be between two processes: it loses the first copy of every relayed POST, delivers
 * every other message twice, and holds some back so they arrive after later ones. The relay must still
 * apply each batch once, in order, and answer every POST.
 */
function hostileBus(): Bus & { lost: number; repeated: number } {
  const inner = createLocalBus();
  const seen = new Set<string>();
  let n = 0;
  const bus = {
    kind: 'hostile',
    up: true,
    lost: 0,
    repeated: 0,
    onStatus: () => () => {},
    subscribe: inner.subscribe.bind(inner),
    close: () => inner.close(),
    async publish(topic: string, message: unknown) {
      const ref = (message as { ref?: string }).ref ?? '';
      if (topic.startsWith('stream:') && !seen.has(ref)) {
        seen.add(ref);
        bus.lost++;
        return;
      }
      const later = ++n % 3 === 0;
      const deliver = () => {
        void inner.publish(topic, message);
        bus.repeated++;
        void inner.publish(topic, message);
      };
      if (later) setTimeout(deliver, 5);
      else deliver();
    },
  };
  return bus as unknown as Bus & { lost: number; repeated: number };
}

// The relay's own timers do not hold a process open (unref); here nothing else would.
const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };

test('through a bus that loses, repeats and reorders, every relayed batch reaches its stream once and in order, and every POST is answered', async () => {
  const bus = hostileBus();
  const streamProcess = createRelay({ bus, timeoutMs: 2000, ...timers });
  const postProcess = createRelay({ bus, timeoutMs: 2000, ...timers });
  const res = fakeResponse();
  const socket = new StreamSocket(res as unknown as ServerResponse, 'stream-1', 1 << 20);
  const received: string[] = [];
  socket.on('message', (data) => received.push(String(data)));
  const off = await streamProcess.serve('stream-1', async (who, post) => {
    assert.equal(who, 'visitor:v1');
    if (post.pong !== undefined) socket.pong(post.pong);
    const verdict = post.seq !== undefined ? socket.deliver(post.seq, post.frames ?? []) : 'delivered';
    return verdict === 'gap' ? { status: 409, body: { code: 'conflict' } } : { status: 202, body: { seq: socket.batches } };
  });
  try {
    const answers = [];
    // One POST at a time, as the client sends them.
    for (let seq = 1; seq <= 12; seq++) answers.push(await postProcess.forward('stream-1', 'visitor:v1', { seq, frames: [`f${seq}a`, `f${seq}b`] }));
    assert.deepEqual(answers.map((a) => a.status), Array(12).fill(202), 'every POST answered');
    assert.deepEqual(answers.map((a) => (a.body as { seq: number }).seq), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.deepEqual(received, Array.from({ length: 12 }, (_, i) => [`f${i + 1}a`, `f${i + 1}b`]).flat(), 'each frame once, in order');
    assert.ok(bus.lost >= 12 && bus.repeated > 12, `the bus lost ${bus.lost} and repeated ${bus.repeated} messages`);
    // A stream nobody serves: no answer within the timeout is 404, so the client opens a new stream.
    const gone = await createRelay({ bus, timeoutMs: 200, ...timers }).forward('no-such-stream', 'visitor:v1', { seq: 1, frames: ['x'] });
    assert.equal(gone.status, 404);
  } finally {
    await off();
    await streamProcess.close();
    await postProcess.close();
    await bus.close();
  }
});
