import type { RealtimeSocket } from './socket.ts';
import type { ServerEvent } from '../../protocol/index.ts';

/**
 * The wire text of one event frame, serialized once per event object, however many sockets it
 * reaches: every subscriber of a topic in this process is handed the same object (local bus, or one
 * parse per process for the Redis bus), and events are never mutated after they are published.
 * Without this, an event reaching S staff sockets was JSON.stringify-ed S times (findings.md #3).
 */
const frames = new WeakMap<ServerEvent, string>();

export function eventFrame(event: ServerEvent): string {
  let text = frames.get(event);
  if (text === undefined) {
    text = JSON.stringify({ type: 'event', event });
    frames.set(event, text);
  }
  return text;
}

interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Holds a socket's writes until the current tick's work is done, so the frames one group commit
 * fans out to a socket (its events, its acks) leave in one write instead of one writev each. Calls
 * nest safely (ws corks around its own two-part frames); the data is flushed on the next tick, or
 * at once when more than `flushAbove` bytes are held: held bytes count in ws.bufferedAmount, and the
 * slow-consumer limit is about what the client does not read, not about what we held back.
 */
export function corkForTick(ws: RealtimeSocket, flushAbove: number): void {
  const socket = (ws as unknown as { _socket?: Corkable & { writableCorked?: number; writableLength?: number } })._socket;
  if (!socket) return;
  if ((socket.writableCorked ?? 0) > 0) {
    if ((socket.writableLength ?? 0) > flushAbove) socket.uncork();
    return;
  }
  socket.cork();
  process.nextTick(() => socket.uncork());
}
