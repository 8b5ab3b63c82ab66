import WebSocket from 'ws';
import { isDurable, type ClientCommand, type DurableEvent, type ServerFrame } from '../../protocol/index.ts';
import type { ClientEnv, ClientOptions, KeyValueStorage, RealtimeClient, SocketLike } from '../api.ts';
import { createRealtimeClient } from '../realtime-client.ts';
import { memoryStorage } from '../storage.ts';

export interface LiveClientOptions {
  /** A function picks the URL for each new socket (a load balancer in front of several processes). */
  url: string | (() => string);
  token: string;
  storage?: KeyValueStorage;
  /**
   * Frames the transport loses before the client sees them (a proxy or a bug dropping data on a
   * socket that stays open): return true to drop. The real server and socket are untouched.
   */
  lose?: (frame: ServerFrame) => boolean;
  options?: ClientOptions;
}

/**
 * The real client core on real sockets, with what tests check: every durable event the app was
 * handed (in order), the commands the client sent, and a way to cut the live socket without a close
 * frame (the client sees 1006, as after a network failure).
 */
export function liveClient(o: LiveClientOptions) {
  const sockets: WebSocket[] = [];
  const commands: ClientCommand[] = [];
  const lost: ServerFrame[] = [];
  const url = o.url;
  const env: ClientEnv = {
    url: typeof url === 'string' ? url : url(),
    token: () => o.token,
    createSocket: (first) => {
      const ws = new WebSocket(typeof url === 'string' ? first : url());
      sockets.push(ws);
      return lossy(ws, (f) => {
        if (!o.lose?.(f)) return false;
        lost.push(f);
        return true;
      }, (c) => commands.push(c));
    },
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    random: Math.random,
    storage: o.storage ?? memoryStorage(),
    storageKey: `live:${o.token.slice(-12)}`,
  };
  const client: RealtimeClient = createRealtimeClient(env, { backoffBaseMs: 20, backoffCapMs: 200, ...o.options });
  const events: DurableEvent[] = [];
  client.onEvent((e) => {
    if (isDurable(e)) events.push(e);
  });
  return {
    client,
    events,
    commands,
    lost,
    sockets,
    /** Cut the live socket like a network failure would. */
    kill: () => sockets.at(-1)?.terminate(),
    fetches: () => commands.filter((c) => c.type === 'events.fetch'),
  };
}

export type LiveClient = ReturnType<typeof liveClient>;

/** A ws socket seen through a transport that may lose inbound frames; outbound commands are recorded. */
function lossy(ws: WebSocket, lose: (f: ServerFrame) => boolean, sent: (c: ClientCommand) => void): SocketLike {
  const s: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    send(data) {
      sent(JSON.parse(data) as ClientCommand);
      ws.send(data);
    },
    close: (code, reason) => ws.close(code, reason),
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
  ws.onopen = (e) => s.onopen?.(e);
  ws.onmessage = (e) => {
    if (!lose(JSON.parse(String(e.data)) as ServerFrame)) s.onmessage?.({ data: e.data });
  };
  ws.onclose = (e) => s.onclose?.({ code: e.code, reason: e.reason });
  ws.onerror = (e) => s.onerror?.(e);
  return s;
}
