import Type from 'typebox';
import { FIELD_LIMITS as L } from '../limits.ts';
import { Closed } from './common.ts';

/**
 * The HTTP fallback of the WebSocket (docs/protocol.md, HTTP fallback): the same protocol v1 frames, down
 * a Server-Sent Events stream opened by `POST /api/v1/realtime/stream` (its body is the hello frame),
 * up by POSTs to the stream.
 */
export const StreamOpenQuery = Closed({
  site: Type.Optional(Type.String({ minLength: 1, maxLength: L.siteKey, description: 'the public site key (visitors; staff leave it out)' })),
});
export type StreamOpenQuery = Type.Static<typeof StreamOpenQuery>;

export const StreamParams = Closed({
  id: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'the stream id from the stream\'s `open` event' }),
});

/**
 * One POST to a stream: a numbered batch of frames (each the exact text a WebSocket message would carry;
 * batches numbered from 1, one after another: a resend of a number already taken is answered again and
 * applied once), or the answer to the stream's `ping` event.
 */
export const StreamPost = Closed({
  seq: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the batch number: 1, then one more each POST' })),
  frames: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'frames, each a JSON command as text' })),
  pong: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the number of the `ping` event answered' })),
});
export type StreamPost = Type.Static<typeof StreamPost>;

export const StreamPostAnswer = Type.Object({ seq: Type.Integer({ description: 'the last batch the stream has applied' }) });
