import type { RealtimeSocket } from './socket.ts';
import { CloseCodes } from '../../protocol/index.ts';

/**
 * Sends a frame unless the socket's unsent buffer is already over the limit. A client that does
 * not read (a frozen tab, a stalled network) would otherwise make the server hold an ever-growing
 * queue; it is closed with 4009 instead and resumes when it comes back.
 * Returns false when the frame was not sent. `onSlowConsumer` hears each such close (once per socket: it is
 * no longer open after it).
 */
export function sendWithBackpressure(ws: RealtimeSocket, data: string, maxBufferedBytes: number, onSlowConsumer?: () => void): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount > maxBufferedBytes) {
    ws.close(CloseCodes.slowConsumer, 'slow_consumer');
    onSlowConsumer?.();
    return false;
  }
  ws.send(data);
  return true;
}
