import type { RealtimeSocket } from './socket.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { CloseCodes } from '../../protocol/index.ts';

/**
 * Waits until the socket's unsent buffer is below `bytes`. Used while replaying, where the server
 * produces frames faster than a healthy client can take them. Gives up (false) when the socket
 * closes or does not drain within `maxWaitMs` (it is then a slow consumer and gets closed).
 */
export async function drainBelow(ws: RealtimeSocket, bytes: number, maxWaitMs = 10_000): Promise<boolean> {
  const started = Date.now();
  while (ws.readyState === ws.OPEN && ws.bufferedAmount > bytes) {
    if (Date.now() - started > maxWaitMs) {
      ws.close(CloseCodes.slowConsumer, 'slow_consumer');
      return false;
    }
    await sleep(5);
  }
  return ws.readyState === ws.OPEN;
}
