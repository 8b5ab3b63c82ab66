import { randomUUID } from 'node:crypto';
import type { Bus } from '../../bus/bus.ts';
import { Topics } from '../../bus/bus.ts';
import type { StreamPost } from '../../../protocol/index.ts';

/** What a POST to a stream is answered: an HTTP status and its JSON body. */
export interface PostAnswer {
  status: number;
  body: unknown;
}

/** One POST, carried to the process that holds its stream. */
interface Envelope {
  ref: string;
  replyTo: string;
  who: string;
  post: StreamPost;
}

interface Reply {
  ref: string;
  answer: PostAnswer;
}

export interface RelayOptions {
  bus: Bus;
  /** How long a POST waits for the stream's process to answer. */
  timeoutMs: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * Without sticky sessions a POST may reach another process than its stream. That process publishes it
 * on the stream's topic; the stream's process applies it and publishes the answer back on the sender's
 * own topic. The bus may lose, repeat or reorder, so the sender publishes again every eighth of the
 * timeout until an answer comes: a repeat is harmless because batches are numbered and applied once,
 * in order (StreamSocket.deliver), and a ping answered twice is still one pong. No answer in time: the
 * stream is gone (or unreachable), and the client opens a new one and resumes.
 */
export function createRelay(opts: RelayOptions) {
  const { bus } = opts;
  const setT = opts.setTimeout ?? ((fn, ms) => setTimeout(fn, ms).unref());
  const clearT = opts.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const node = randomUUID();
  const waiting = new Map<string, (answer: PostAnswer) => void>();
  let replies: Promise<() => Promise<void> | void> | null = null;
  const listen = () =>
    (replies ??= bus.subscribe<Reply>(Topics.streamReplies(node), (reply) => waiting.get(reply.ref)?.(reply.answer)));

  return {
    /** Serves a local stream's POSTs that arrive through the bus; returns the disposer. */
    serve(streamId: string, apply: (who: string, post: StreamPost) => Promise<PostAnswer>): Promise<() => Promise<void> | void> {
      return bus.subscribe<Envelope>(Topics.stream(streamId), (env) => {
        void apply(env.who, env.post)
          .then((answer) => bus.publish<Reply>(Topics.streamReplies(env.replyTo), { ref: env.ref, answer }))
          .catch(() => {});
      });
    },

    /** Carries a POST to whichever process holds the stream, and waits for its answer. */
    async forward(streamId: string, who: string, post: StreamPost): Promise<PostAnswer> {
      const gone: PostAnswer = { status: 404, body: { code: 'not_found', message: 'No such stream: it closed, or its server is gone. Open a new one.' } };
      if (bus.kind === 'local') return gone;
      if (!bus.up) return { status: 503, body: { code: 'unavailable', message: 'The stream is on another server, which cannot be reached right now; retry.' } };
      await listen();
      const env: Envelope = { ref: randomUUID(), replyTo: node, who, post };
      return new Promise<PostAnswer>((resolve) => {
        let resend: unknown;
        const publish = () => {
          void bus.publish(Topics.stream(streamId), env).catch(() => {});
          resend = setT(publish, Math.max(1, Math.floor(opts.timeoutMs / 8)));
        };
        const done = (answer: PostAnswer) => {
          waiting.delete(env.ref);
          clearT(resend);
          clearT(deadline);
          resolve(answer);
        };
        const deadline = setT(() => done(gone), opts.timeoutMs);
        waiting.set(env.ref, done);
        publish();
      });
    },

    async close(): Promise<void> {
      for (const done of [...waiting.values()]) done({ status: 503, body: { code: 'shutting_down', message: 'The server is shutting down.' } });
      const off = await replies?.catch(() => null);
      await off?.();
    },
  };
}

export type Relay = ReturnType<typeof createRelay>;
