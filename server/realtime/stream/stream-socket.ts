import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { CloseCodes } from '../../../protocol/index.ts';
import type { RealtimeSocket } from '../socket.ts';

/** What a batch of POSTed frames did: delivered now, delivered before (a resend), or one is missing before it. */
export type BatchVerdict = 'delivered' | 'repeat' | 'gap';

/**
 * The HTTP fallback's connection, as a RealtimeSocket: a Server-Sent Events response carries the
 * server's frames down, numbered POSTs carry the client's frames up (docs/protocol.md, HTTP fallback).
 * On the stream, a protocol frame is a `data:` line (JSON has no newline); transport events are named:
 * `open` (the stream id), `ping` (answered by a POST `{ pong }`, like a ws pong) and `close` (the close
 * code a WebSocket would carry), after which the response ends.
 *
 * Batches are numbered by the client from 1 and applied once each, in order: a resend after a lost
 * answer (or one relayed twice by the bus) is a repeat, and a batch after a missing one is refused, so
 * commands reach the session exactly once and in the order they were sent, whichever process got them.
 */
export class StreamSocket extends EventEmitter implements RealtimeSocket {
  readonly OPEN = 1 as const;
  readonly CLOSED = 3 as const;
  private state: 1 | 2 | 3 = 1;
  private closeCode: number = CloseCodes.abnormal;
  private lastPing = 0;
  private lastBatch = 0;

  constructor(
    private readonly res: ServerResponse,
    readonly id: string,
    /** Frames above this are not read: the stream closes with 1009 (ws: maxPayload). */
    private readonly hardFrameBytes: number,
  ) {
    super();
    res.on('close', () => {
      this.state = 3;
      this.emit('close', this.closeCode);
    });
    res.on('error', (err) => {
      if (this.listenerCount('error')) this.emit('error', err);
    });
    this.write('open', JSON.stringify({ stream: id }));
  }

  get readyState(): number {
    return this.state;
  }

  get bufferedAmount(): number {
    return this.res.writableLength;
  }

  send(data: string): void {
    if (this.state === 1) this.res.write(`data: ${data}\n\n`);
  }

  close(code: number = CloseCodes.normal, reason = ''): void {
    if (this.state !== 1) return;
    this.state = 2;
    this.closeCode = code;
    this.write('close', JSON.stringify({ code, reason }));
    this.res.end();
  }

  terminate(): void {
    this.state = 2;
    this.res.destroy();
  }

  ping(): void {
    this.lastPing += 1;
    this.write('ping', String(this.lastPing));
  }

  /** The client answered ping number `n` (an older number proves nothing about the current one). */
  pong(n: number): void {
    if (n === this.lastPing && this.state === 1) this.emit('pong');
  }

  /** The hello, from the body of the POST that opened the stream: the socket's first message. */
  deliverFirst(frame: Buffer): void {
    if (frame.length > this.hardFrameBytes) this.close(CloseCodes.tooLarge, 'frame_too_large');
    else this.emit('message', frame, false);
  }

  /** Batch `seq` of the client's frames, each the text a WebSocket message would carry. */
  deliver(seq: number, frames: readonly string[]): BatchVerdict {
    if (seq <= this.lastBatch) return 'repeat';
    if (seq !== this.lastBatch + 1) return 'gap';
    this.lastBatch = seq;
    for (const frame of frames) {
      if (this.state !== 1) break;
      const data = Buffer.from(frame, 'utf8');
      if (data.length > this.hardFrameBytes) {
        this.close(CloseCodes.tooLarge, 'frame_too_large');
        break;
      }
      this.emit('message', data, false);
    }
    return 'delivered';
  }

  get batches(): number {
    return this.lastBatch;
  }

  private write(event: string, data: string): void {
    if (this.state === 1 || event === 'close') this.res.write(`event: ${event}\ndata: ${data}\n\n`);
  }
}
