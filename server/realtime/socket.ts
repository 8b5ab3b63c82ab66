/**
 * The seam between a transport and the session code (connection.ts, heartbeat.ts, backpressure.ts,
 * drain.ts): the part of a `ws` WebSocket a session uses. A `ws` socket is one as it is; the HTTP
 * fallback's stream (stream/stream-socket.ts: Server-Sent Events down, POSTs up) is the other. Sessions,
 * limits, hello, resume, heartbeats and shutdown are written once against this.
 */
export type RawFrame = Buffer | ArrayBuffer | Buffer[];

export interface RealtimeSocket {
  /** 0 connecting, 1 open, 2 closing, 3 closed (the WebSocket numbers). */
  readonly readyState: number;
  readonly OPEN: 1;
  readonly CLOSED: 3;
  /** Bytes written but not yet handed to the network: the slow-consumer limit reads it. */
  readonly bufferedAmount: number;
  send(data: string): void;
  /** Says goodbye with a close code the client reads (ws close frame, or the stream's `close` event). */
  close(code?: number, reason?: string): void;
  /** Cuts the connection without a goodbye (a half-open peer cannot receive one). */
  terminate(): void;
  /** Liveness check: the peer answers with 'pong' (ws: a ping frame; stream: a `ping` event answered by a POST). */
  ping(): void;
  on(event: 'message', listener: (data: RawFrame, isBinary: boolean) => void): this;
  on(event: 'close', listener: (code: number) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'pong', listener: () => void): this;
  off(event: 'pong', listener: () => void): this;
  once(event: 'close', listener: () => void): this;
}

/** Which transport a session runs on (the `transport` label of parley_realtime_sessions). */
export type TransportKind = 'ws' | 'stream';
