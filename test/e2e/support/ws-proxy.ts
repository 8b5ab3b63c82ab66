import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * The middlebox the HTTP fallback is for: a local HTTP proxy in front of Parley that forwards plain
 * HTTP (streamed, the Host header kept, as a reverse proxy does) and does to WebSocket upgrades what
 * corporate proxies and antivirus products do:
 * - `refuse`: answers the upgrade `403 Forbidden` and closes;
 * - `stall`: accepts it (`101 Switching Protocols`, so the browser's socket opens) and then never
 *   forwards a byte either way.
 * `target` may change (a restarted server on another port); `upgrades` counts what it saw.
 */
export interface WsProxy {
  url: string;
  target: string;
  upgrades: number;
  /** HTTP requests forwarded, by path (without the query). */
  requests: Map<string, number>;
  close(): Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function startWsProxy(mode: 'refuse' | 'stall', target = ''): Promise<WsProxy> {
  const open = new Set<Socket | Duplex>();
  const proxy: WsProxy = {
    url: '',
    target,
    upgrades: 0,
    requests: new Map(),
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    proxy.requests.set(path, (proxy.requests.get(path) ?? 0) + 1);
    const upstream = new URL(req.url ?? '/', proxy.target);
    const out = request(upstream, { method: req.method, headers: req.headers }, (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.flushHeaders();
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"code":"unavailable","message":"The proxy could not reach the server."}');
      else res.destroy();
    });
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    proxy.upgrades++;
    open.add(socket);
    socket.on('error', () => socket.destroy());
    if (mode === 'refuse') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 26\r\nConnection: close\r\n\r\nWebSockets are not allowed');
      return;
    }
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.on('data', () => {}); // swallowed: nothing reaches the server, nothing comes back
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return proxy;
}
