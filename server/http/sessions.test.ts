import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { addStaff, createTestSite, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import type { SiteRecord } from '../store/store.ts';
import { api } from './test-client.ts';

let ts: TestServer;
let site: SiteRecord;
before(async () => {
  ts = await startTestServer();
  ({ site } = await createTestSite(ts));
});
after(() => ts.stop());

const ORIGIN = 'https://shop.example';
const session = (body: Record<string, unknown>, origin: string | undefined = ORIGIN) =>
  api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key, ...body }, origin });
const now = () => Math.floor(Date.now() / 1000);
const userJwt = (o: { sub?: string; name?: string; email?: string; iss?: string; aud?: string; exp?: number; secret?: string } = {}) =>
  new SignJWT({ ...(o.name ? { name: o.name } : {}), ...(o.email ? { email: o.email } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(o.iss ?? site.key)
    .setAudience(o.aud ?? 'parley')
    .setSubject(o.sub ?? 'user-1')
    .setIssuedAt()
    .setExpirationTime(o.exp ?? now() + 600)
    .sign(new TextEncoder().encode(o.secret ?? site.identitySecret));

test('an anonymous visitor session answers a token, the visitor, the site and CORS for the allowed origin', async () => {
  const r = await session({});
  assert.equal(r.status, 200);
  assert.equal(typeof r.body.visitorToken, 'string');
  assert.equal(r.body.visitor.identified, false);
  assert.equal(r.body.site.key, site.key);
  assert.equal('identitySecret' in r.body.site, false);
  assert.deepEqual(r.body.conversations, []);
  assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
  const mine = await api(ts, '/api/v1/conversations', { token: r.body.visitorToken, origin: ORIGIN });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.items, []);
});

test('reusing the visitor token keeps the visitor', async () => {
  const first = await session({});
  const again = await session({ visitorToken: first.body.visitorToken });
  assert.equal(again.body.visitor.id, first.body.visitor.id);
});

test('a foreign Origin is refused 403, for the session and for later visitor calls', async () => {
  const r = await session({}, 'https://evil.example');
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 'origin_not_allowed');
  const ok = await session({});
  const later = await api(ts, '/api/v1/conversations', { token: ok.body.visitorToken, origin: 'https://evil.example' });
  assert.equal(later.status, 403);
  assert.equal(later.body.code, 'origin_not_allowed');
});

test('identified visitors: name and email from the claims; anonymous then identified keeps the conversation', async () => {
  const anon = await session({});
  await ts.server.domain.sendMessage({ kind: 'visitor', siteId: site.id, visitorId: anon.body.visitor.id }, { clientId: 'c1', text: 'Where is my order?' });
  const known = await session({ visitorToken: anon.body.visitorToken, userToken: await userJwt({ sub: 'cust-7', name: 'Grace', email: 'grace@example.com' }) });
  assert.equal(known.status, 200);
  assert.equal(known.body.visitor.identified, true);
  assert.equal(known.body.visitor.name, 'Grace');
  assert.equal(known.body.visitor.email, 'grace@example.com');
  assert.equal(known.body.conversations.length, 1);
  const history = await api(ts, `/api/v1/conversations/${known.body.conversations[0].id}/messages`, { token: known.body.visitorToken, origin: ORIGIN });
  assert.equal(history.body.messages[0].text, 'Where is my order?');
});

test('expired, tampered, wrong-audience, wrong-issuer and alg:none site JWTs are refused', async () => {
  const good = await userJwt({ sub: 'cust-9' });
  const [h, p, s] = good.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'cust-7' })).toString('base64url')}.${s}`;
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
  const cases: [string, string, RegExp][] = [
    [await userJwt({ exp: now() - 120 }), 'token_expired', /expired/],
    [tampered, 'unauthorized', /signature/],
    [await userJwt({ aud: 'someone' }), 'unauthorized', /audience/],
    [await userJwt({ iss: 'pk_other' }), 'unauthorized', /issuer/],
    [none, 'unauthorized', /HS256|malformed/],
    [await userJwt({ secret: 'a-different-secret-123456' }), 'unauthorized', /signature/],
  ];
  for (const [userToken, code, message] of cases) {
    const r = await session({ userToken });
    assert.equal(r.status, 401, code);
    assert.equal(r.body.code, code);
    assert.match(r.body.message, message);
  }
});

test('staff login: wrong password 401; cookie and token work; logout revokes both', async () => {
  const staff = await addStaff(ts, site, 'agent');
  const wrong = await api(ts, '/api/v1/staff/login', { body: { email: staff.email, password: 'nope' } });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.code, 'invalid_credentials');
  const login = await api(ts, '/api/v1/staff/login', { body: { email: staff.email, password: 'correct horse battery staple' } });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^parley_session=/);
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  assert.match(cookie, /Path=\//);
  assert.doesNotMatch(cookie, /Secure/); // plain http here
  const token = login.body.token;
  const me = await api(ts, '/api/v1/staff/me', { token });
  assert.equal(me.body.staff.id, staff.id);
  assert.equal(me.body.site.id, site.id);
  const viaCookie = await api(ts, '/api/v1/staff/me', { headers: { cookie: cookie.split(';')[0] } });
  assert.equal(viaCookie.status, 200);
  const out = await api(ts, '/api/v1/staff/logout', { method: 'POST', token });
  assert.deepEqual(out.body, { ok: true });
  assert.equal((await api(ts, '/api/v1/staff/me', { token })).status, 401);
  assert.equal((await api(ts, '/api/v1/staff/me', { headers: { cookie: cookie.split(';')[0] } })).status, 401);
});

test('staff routes refuse visitor tokens and foreign origins', async () => {
  const visitor = await session({});
  const r = await api(ts, '/api/v1/staff/me', { token: visitor.body.visitorToken });
  assert.equal(r.status, 403);
  const { staffToken } = await createTestSite(ts);
  const foreign = await api(ts, '/api/v1/staff/me', { token: staffToken, origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.body.code, 'origin_not_allowed');
});
