import { Routes } from '../rest.ts';
import { CommandSchemas } from './commands.ts';
import type { Endpoint } from './endpoint.ts';
import { StreamOpenQuery, StreamParams, StreamPost, StreamPostAnswer } from './realtime-stream.ts';

/** The HTTP fallback of the realtime WebSocket (docs/protocol.md, HTTP fallback). */
export const realtimeEndpoints: Endpoint[] = [
  {
    method: 'post', path: Routes.realtimeStream, tag: 'Realtime', auth: 'none',
    summary: 'Open a realtime stream (the HTTP fallback of /ws)',
    description: 'For clients whose network refuses or stalls WebSocket upgrades. The body is the `hello` frame (its token decides who it is, as on /ws); the answer is a `text/event-stream`: an `open` event with the stream id, then every protocol frame as a `data:` line, `ping` events to answer, and a `close` event with the close code a WebSocket would carry. Host, Origin and connection limits are those of the /ws upgrade; refusals are answered before the stream starts.',
    query: StreamOpenQuery,
    body: CommandSchemas.hello,
    response: { status: 200, description: 'the event stream', contentType: 'text/event-stream' },
    errors: ['not_found', 'origin_not_allowed', 'host_not_allowed', 'too_many_connections', 'shutting_down', 'payload_too_large'],
  },
  {
    method: 'post', path: Routes.realtimeStreamPost, tag: 'Realtime', auth: 'any',
    summary: 'Send frames to a realtime stream, or answer its ping',
    description: 'A numbered batch of frames (`seq` 1, 2, …, one POST at a time) or `{ pong }`. Answered once the stream\'s session has the frames, on whichever server holds it; the frames\' own answers come down the stream. A resend of a batch already taken is answered again and applied once.',
    params: StreamParams,
    body: StreamPost,
    response: { status: 202, description: 'the last batch the stream has applied', schema: StreamPostAnswer },
    errors: ['not_found', 'not_ready', 'conflict', 'payload_too_large', 'origin_not_allowed', 'unavailable'],
  },
];
