import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SignJWT, jwtVerify } from 'jose';
import { Server, type Socket } from 'socket.io';
import { openBaselineStore } from './store.ts';

/*
 * The baseline: a Socket.IO chat server built the way the seed documents describe it.
 * - POST /api/auth/login {userId, role} -> {token}: stands in for the app's login (JWT, HS256).
 * - io.use(): verifies the JWT from handshake.auth.token (alg, iss, aud, exp pinned).
 * - Rooms: `user:<id>` for every user (all their tabs), `admins` for all staff.
 * - 'message:send' {chatId, message:{content}}: INSERT into SQLite, then emit 'message:new' to the
 *   sender's user room and the admins room (and, for a staff reply, the customer's user room).
 *   The seeds also emit staff replies to a room of *all* users; that is a leak, not a design, so it is left out.
 * Usage: tsx server.ts --port 0 --db /tmp/x.db   (prints {"port":N} as its first stdout line)
 */

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : (process.env[`BASELINE_${name.toUpperCase()}`] ?? fallback);
};
const port = Number(arg('port', '0'));
const dbFile = arg('db', './baseline.db');
const secret = new TextEncoder().encode(arg('secret', 'baseline-secret-baseline-secret!'));
const ISS = 'baseline';
const AUD = 'baseline:chat';

const store = openBaselineStore(dbFile);

async function login(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const { userId, role } = JSON.parse(body) as { userId: string; role: 'user' | 'admin' };
  const token = await new SignJWT({ id: userId, role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISS)
    .setAudience(AUD)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(secret);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
}

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/api/auth/login') {
    login(req, res).catch(() => res.writeHead(400).end());
    return;
  }
  if (req.url === '/healthz') return void res.writeHead(200).end('ok');
  // socket.io attaches its own 'request' listener for /socket.io/; leave those alone.
  if (!req.url?.startsWith('/socket.io/')) res.writeHead(404).end();
});

const io = new Server(http, { cors: { origin: true, credentials: true }, serveClient: false });

interface SocketData { userId: string; role: 'user' | 'admin' }

io.use(async (socket, next) => {
  try {
    const token = String(socket.handshake.auth?.token ?? '');
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: ISS, audience: AUD });
    socket.data = { userId: String(payload.id), role: payload.role === 'admin' ? 'admin' : 'user' } satisfies SocketData;
    next();
  } catch {
    next(new Error('Authentication error'));
  }
});

io.on('connection', (socket: Socket) => {
  const me = socket.data as SocketData;
  socket.join(`user:${me.userId}`);
  socket.join(me.role === 'admin' ? 'admins' : 'users');

  socket.on('message:send', (data: { chatId?: string; message?: { content?: unknown } }) => {
    const content = data?.message?.content;
    if (typeof content !== 'string' || content.length === 0 || content.length > 10_000) {
      socket.emit('error', { message: 'Invalid message' });
      return;
    }
    // A customer writes in their own chat; staff must name the customer's chat.
    const chatId = me.role === 'admin' ? String(data.chatId ?? '') : me.userId;
    if (!chatId) return void socket.emit('error', { message: 'chatId required' });
    const createdAt = Date.now();
    let id: number;
    try {
      id = store.saveMessage({ chatId, senderId: me.userId, senderRole: me.role, content, createdAt });
    } catch (e) {
      socket.emit('error', { message: 'Failed to save message', error: String(e) });
      return;
    }
    const payload = {
      chatId,
      message: {
        id: String(id),
        senderId: me.userId,
        senderRole: me.role,
        content,
        type: 'text',
        timestamp: new Date(createdAt).toISOString(),
        status: 'sent',
      },
    };
    let rooms = io.to(`user:${me.userId}`).to('admins');
    if (me.role === 'admin') rooms = rooms.to(`user:${chatId}`);
    rooms.emit('message:new', payload);
  });
});

http.listen(port, '127.0.0.1', () => {
  const addr = http.address();
  console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : port }));
});

const shutdown = () => {
  io.close();
  store.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
