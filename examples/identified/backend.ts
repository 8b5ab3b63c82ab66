import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';

/**
 * The site owner's own backend, in miniature: it has its own users and login, and vouches for the
 * logged-in user to Parley by signing a short-lived JWT with the site's identity secret. This is the
 * only code a site owner writes on the server side (see docs/api.md, "Identified visitors").
 */
interface DemoUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

const USERS: DemoUser[] = [
  { id: 'user-1001', email: 'alice@example.com', name: 'Alice Martin', password: 'alice' },
  { id: 'user-1002', email: 'bob@example.com', name: 'Bob Okafor', password: 'bob' },
];

/** Sign the Parley user token: HS256 with the identity secret; iss = site key, aud = "parley". */
export async function signParleyUserToken(user: Pick<DemoUser, 'id' | 'name' | 'email'>, siteKey: string, identitySecret: string, ttlSec = 600): Promise<string> {
  return new SignJWT({ name: user.name, email: user.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(siteKey)
    .setAudience('parley')
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(`${ttlSec}s`)
    .sign(new TextEncoder().encode(identitySecret));
}

export function createIdentifiedSite(opts: { siteKey: string; identitySecret: string }) {
  const sessions = new Map<string, DemoUser>();

  const sessionOf = (req: IncomingMessage): [string, DemoUser] | null => {
    const m = /(?:^|;\s*)demo_session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '');
    const user = m ? sessions.get(m[1]) : undefined;
    return m && user ? [m[1], user] : null;
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
      if (raw.length > 10_000) throw new Error('body too large');
    }
    try {
      return JSON.parse(raw || '{}');
    } catch {
      return {};
    }
  };

  /** Returns true when it answered the request. */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /identified/api/me') {
      const s = sessionOf(req);
      if (!s) return json(res, 200, { user: null }), true;
      const [, user] = s;
      const parleyToken = await signParleyUserToken(user, opts.siteKey, opts.identitySecret);
      return json(res, 200, { user: { id: user.id, name: user.name, email: user.email }, parleyToken }), true;
    }
    if (route === 'POST /identified/api/login') {
      const body = await readJson(req);
      const user = USERS.find((u) => u.email === body.email && u.password === body.password);
      if (!user) return json(res, 401, { code: 'invalid_credentials', message: 'Wrong email or password.' }), true;
      const sid = randomBytes(18).toString('base64url');
      sessions.set(sid, user);
      return json(res, 200, { ok: true }, { 'set-cookie': `demo_session=${sid}; Path=/; HttpOnly; SameSite=Lax` }), true;
    }
    if (route === 'POST /identified/api/logout') {
      const s = sessionOf(req);
      if (s) sessions.delete(s[0]);
      return json(res, 200, { ok: true }, { 'set-cookie': 'demo_session=; Path=/; Max-Age=0' }), true;
    }
    return false;
  }

  return { handle, users: USERS.map(({ email, password, name }) => ({ email, password, name })) };
}
