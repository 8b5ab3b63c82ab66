import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { createHeartbeat, type HeartbeatTarget } from './heartbeat.ts';
import { manualHeartbeat, waitUntil } from './test-helpers.ts';

/** A real ws server; each accepted socket becomes a heartbeat target that records what it was sent. */
async function withSockets(fn: (open: (opts?: WebSocket.ClientOptions) => Promise<{ client: WebSocket; target: HeartbeatTarget & { ws: WebSocket; beats: number[]; missed: number; pongs: number } }>) => Promise<void>) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', clientTracking: false });
  await once(wss, 'listening');
  const port = (wss.address() as AddressInfo).port;
  const clients: WebSocket[] = [];
  try {
    await fn(async (opts) => {
      const accepted = once(wss, 'connection');
      const client = new WebSocket(`ws://127.0.0.1:${port}`, opts);
      clients.push(client);
      const [ws] = (await accepted) as [WebSocket];
      const target = {
        ws,
        awaitingPong: false,
        beats: [] as number[],
        missed: 0,
        pongs: 0,
        sendHeartbeat(t: number) {
          this.beats.push(t);
        },
        onMissedPong() {
          this.missed += 1;
        },
      };
      ws.on('pong', () => (target.pongs += 1));
      await once(client, 'open');
      return { client, target };
    });
  } finally {
    for (const c of clients) c.terminate();
    await new Promise((r) => wss.close(r));
  }
}

test('the shared heartbeat pings every socket, terminates the one that missed a pong, and keeps the one that answered', async () => {
  const beat = manualHeartbeat();
  let t = 1000;
  const heartbeat = createHeartbeat({ intervalMs: 25_000, now: () => t, ...beat.timer });
  await withSockets(async (open) => {
    const healthy = await open();
    const silent = await open({ autoPong: false });
    heartbeat.track(healthy.target);
    heartbeat.track(silent.target);
    // One listener function for every socket: nothing made per socket for its pongs.
    assert.equal(healthy.target.ws.listeners('pong').at(-1), silent.target.ws.listeners('pong').at(-1));

    beat.tick();
    assert.deepEqual([healthy.target.beats, silent.target.beats], [[1000], [1000]]);
    assert.equal(healthy.target.awaitingPong, true);
    await waitUntil(() => healthy.target.pongs === 1, undefined, 'the healthy pong');
    assert.equal(healthy.target.awaitingPong, false, 'its pong cleared the flag');
    assert.equal(silent.target.awaitingPong, true);

    t = 2000;
    const silentClosed = once(silent.client, 'close');
    beat.tick();
    const [code] = (await silentClosed) as [number];
    assert.equal(code, 1006, 'terminated, no close frame');
    assert.equal(silent.target.missed, 1);
    assert.deepEqual(silent.target.beats, [1000], 'no heartbeat frame to a socket being terminated');
    assert.deepEqual(healthy.target.beats, [1000, 2000]);
    assert.equal(healthy.client.readyState, WebSocket.OPEN);
    heartbeat.untrack(silent.target);
    heartbeat.untrack(healthy.target);
  });
  heartbeat.stop();
});

test('an untracked socket is not pinged again and loses its pong listener; stop clears the timer', async () => {
  const beat = manualHeartbeat();
  let cleared = 0;
  const heartbeat = createHeartbeat({ intervalMs: 25_000, setInterval: beat.timer.setInterval, clearInterval: () => void (cleared += 1) });
  await withSockets(async (open) => {
    const a = await open({ autoPong: false });
    const b = await open();
    heartbeat.track(a.target);
    heartbeat.track(b.target);
    const listeners = a.target.ws.listenerCount('pong');
    heartbeat.untrack(a.target);
    assert.equal(a.target.ws.listenerCount('pong'), listeners - 1);
    // Untracking a target that is not (or no longer) tracked changes nothing.
    heartbeat.untrack(a.target);
    beat.tick();
    await waitUntil(() => b.target.pongs === 1, undefined, 'b answered');
    beat.tick();
    await waitUntil(() => b.target.pongs === 2, undefined, 'b answered again');
    assert.deepEqual(b.target.beats.length, 2);
    assert.deepEqual(a.target.beats, []);
    assert.equal(a.target.missed, 0);
    assert.equal(a.client.readyState, WebSocket.OPEN, 'a silent socket no longer tracked is not terminated');
    assert.equal(a.target.pongs, 0, 'nor pinged');
    heartbeat.untrack(b.target);
  });
  heartbeat.stop();
  assert.equal(cleared, 1);
});

test("the heartbeat's targets are the gateway's list of sessions: values() and size follow track and untrack, and outlive stop()", async () => {
  const beat = manualHeartbeat();
  const heartbeat = createHeartbeat({ intervalMs: 25_000, ...beat.timer });
  await withSockets(async (open) => {
    const a = await open();
    const b = await open();
    heartbeat.track(a.target);
    heartbeat.track(b.target);
    assert.equal(heartbeat.size, 2);
    assert.deepEqual([...heartbeat.values()], [a.target, b.target]);
    // A shutdown stops the timer first, then closes each session, which untracks itself.
    heartbeat.stop();
    assert.equal(heartbeat.size, 2, 'still listed: the gateway closes them from this list');
    heartbeat.untrack(a.target);
    assert.deepEqual([...heartbeat.values()], [b.target]);
    heartbeat.untrack(b.target);
    assert.equal(heartbeat.size, 0);
  });
});
