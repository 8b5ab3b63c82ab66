import WebSocket from 'ws';
import { postJson } from './http.ts';
import { countError, type Adapter, type ClientOptions, type StaffClient, type TargetInfo, type TextHandler, type VisitorClient } from './types.ts';

/*
 * Socket.IO adapter. It speaks the Engine.IO v4 / Socket.IO v5 wire format directly over `ws`
 * (websocket transport only, no polling), so the generator spends the same CPU per frame on both
 * servers: the official client's extra layers would slow the generator, not the server under test.
 *   server -> "0{sid,...}" open; client -> "40{auth}" connect; server -> "40{sid}" or "44{message}"
 *   "2" ping -> "3" pong; events are "42[name, data]".
 */

const login = async (t: TargetInfo, userId: string, role: 'user' | 'admin') =>
  (await postJson<{ token: string }>(`${t.baseUrl}/api/auth/login`, { userId, role })).token;

interface Conn { ws: WebSocket; ready: Promise<void> }

function connect(t: TargetInfo, token: string, opts: ClientOptions, onText: TextHandler, errors: Map<string, number>): Conn {
  const url = `${t.baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(url, { localAddress: opts.localAddress, perMessageDeflate: false });
  const ready = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const s = raw.toString();
      if (s.startsWith('42')) {
        const [name, data] = JSON.parse(s.slice(2)) as [string, { message?: { content?: string } }];
        if (name === 'message:new' && data.message?.content) onText(data.message.content);
        else if (name === 'error') countError(errors, 'error');
      } else if (s === '2') ws.send('3');
      else if (s.startsWith('0')) ws.send(`40${JSON.stringify({ token })}`);
      else if (s.startsWith('40')) resolve();
      else if (s.startsWith('44')) reject(new Error(`socket.io connect refused: ${s.slice(2)}`));
    });
    ws.on('error', reject);
    ws.on('close', () => reject(new Error('closed before connect')));
  });
  ws.on('error', () => countError(errors, 'socket_error'));
  ws.on('close', (code) => {
    if (code !== 1000 && code !== 1005) countError(errors, `close_${code}`);
  });
  return { ws, ready };
}

const emit = (ws: WebSocket, name: string, data: unknown) => {
  if (ws.readyState === WebSocket.OPEN) ws.send(`42${JSON.stringify([name, data])}`);
};

export function socketioAdapter(t: TargetInfo): Adapter {
  return {
    visitorToken: (index) => login(t, `u${index}-${process.pid}`, 'user'),
    async visitor(index, opts, onText, given): Promise<VisitorClient> {
      const userId = `u${index}-${process.pid}`;
      const token = given ?? (await login(t, userId, 'user'));
      const errors = new Map<string, number>();
      let conn = connect(t, token, opts, onText, errors);
      await conn.ready;
      return {
        address: userId,
        errors,
        // A Socket.IO user's chat exists from the start: it is keyed by the user id.
        openConversation: async () => userId,
        send: (text) => emit(conn.ws, 'message:send', { chatId: userId, message: { content: text, type: 'text' } }),
        drop: () => conn.ws.terminate(),
        async reconnect() {
          conn = connect(t, token, opts, onText, errors);
          await conn.ready;
          // The seed design has no resume: whatever was emitted while away is simply gone.
          return { replayed: 0 };
        },
        close: () => conn.ws.close(),
      };
    },
    async staff(index, opts, onText): Promise<StaffClient> {
      const token = await login(t, `staff${index}-${process.pid}`, 'admin');
      const errors = new Map<string, number>();
      const conn = connect(t, token, opts, onText, errors);
      await conn.ready;
      return {
        errors,
        send: (address, text) => emit(conn.ws, 'message:send', { chatId: address, message: { content: text, type: 'text' } }),
        isOpen: () => conn.ws.readyState === WebSocket.OPEN,
        close: () => conn.ws.close(),
      };
    },
  };
}
