import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamPost } from '../../../protocol/index.ts';
import type { Auth } from '../../auth/index.ts';
import type { Bus } from '../../bus/bus.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { Store } from '../../store/store.ts';
import type { Session } from '../connection.ts';
import type { Admission } from '../gateway.ts';
import type { SocketScope } from '../hello.ts';
import type { RealtimeSocket } from '../socket.ts';
import { decideScope, type UpgradeDecision } from '../upgrade.ts';
import { hardFrameLimit } from '../validate.ts';
import { createRelay, type PostAnswer } from './relay.ts';
import { StreamSocket } from './stream-socket.ts';

export interface StreamsDeps {
  config: Config;
  log: Logger;
  bus: Bus;
  auth: Auth;
  store: Store;
  /** The gateway's admission (closing, host, site, Origin, connections per IP), shared with the ws upgrade. */
  admit(req: IncomingMessage, decide: () => Promise<UpgradeDecision>): Promise<Admission>;
  /** The gateway's session for a socket: the same code a WebSocket gets. */
  open(socket: RealtimeSocket, scope: SocketScope, ip: string): Session;
}

export interface OpenStream {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request URL (its `?site=`). */
  url: URL;
  /** Headers the HTTP layer prepared for this answer (CORS, request id). */
  headers: Headers;
  /** The request body: the hello frame, as a WebSocket's first message would carry it. */
  hello: Uint8Array;
}

export type OpenRefusal = Extract<Admission, { ok: false }>;

/**
 * The HTTP fallback transport (docs/protocol.md, HTTP fallback): each stream is a StreamSocket under the
 * gateway's ordinary session, registered here by its id so POSTs can reach it, on this process or, by
 * the relay, on whichever process holds it.
 */
export function createStreams(deps: StreamsDeps) {
  const { config } = deps;
  const local = new Map<string, { socket: StreamSocket; session: Session }>();
  const relay = createRelay({ bus: deps.bus, timeoutMs: config.streamRelayTimeoutMs });

  async function apply(streamId: string, who: string, post: StreamPost): Promise<PostAnswer> {
    const entry = local.get(streamId);
    // The same answer as an unknown id: a stream someone may not use is not theirs to probe.
    if (!entry || (entry.session.who !== null && entry.session.who !== who)) {
      return { status: 404, body: { code: 'not_found', message: 'No such stream: it closed, or its server is gone. Open a new one.' } };
    }
    if (entry.session.who === null) return { status: 400, body: { code: 'not_ready', message: 'The stream has not answered its hello yet; wait for the hello ack.' } };
    if (post.pong !== undefined) entry.socket.pong(post.pong);
    if (post.seq !== undefined && post.frames) {
      const verdict = entry.socket.deliver(post.seq, post.frames);
      if (verdict === 'gap') {
        return { status: 409, body: { code: 'conflict', message: `Batch ${post.seq} came before batch ${entry.socket.batches + 1}; send them in order.` } };
      }
    }
    return { status: 202, body: { seq: entry.socket.batches } };
  }

  return {
    /** Opens a stream and starts its session with the hello; a refusal is answered by the caller. */
    async open(input: OpenStream): Promise<OpenRefusal | null> {
      const { req, res } = input;
      const admitted = await deps.admit(req, () => decideScope(deps, req, input.url));
      if (!admitted.ok) return admitted;
      const id = randomBytes(18).toString('base64url');
      const headers: Record<string, string> = {};
      input.headers.forEach((value, key) => (headers[key] = value));
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        // No proxy may buffer or transform it (nginx reads X-Accel-Buffering).
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.socket?.setNoDelay(true);
      const socket = new StreamSocket(res, id, hardFrameLimit(config.limits.maxFrameBytes));
      const session = deps.open(socket, admitted.scope, admitted.ip);
      local.set(id, { socket, session });
      const served = relay.serve(id, (who, post) => apply(id, who, post));
      socket.on('close', () => {
        local.delete(id);
        admitted.release();
        void served.then((off) => off(), () => {});
      });
      socket.deliverFirst(Buffer.from(input.hello));
      return null;
    },

    /** A POST to stream `streamId` by principal `who` (its principalKey); answered here or by the stream's process. */
    post(streamId: string, who: string, post: StreamPost): Promise<PostAnswer> {
      return local.has(streamId) ? apply(streamId, who, post) : relay.forward(streamId, who, post);
    },

    /** Streams open on this process. */
    get size() {
      return local.size;
    },

    close: () => relay.close(),
  };
}

export type Streams = ReturnType<typeof createStreams>;
