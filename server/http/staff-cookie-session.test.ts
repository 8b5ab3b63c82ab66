import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect, createTestSite, manualHeartbeat, withTestServer, type TestServer } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/**
 * How the staff session travels (issue 17): an httpOnly SameSite=Strict cookie that script cannot read
 * (a browser's login answer carries no token), a CSRF token on every write the cookie authenticates,
 * the staff socket authenticated by the upgrade's cookie, and an idle timeout.
 */
const PASSWORD = 'correct horse battery staple';

async function browserLogin(ts: TestServer, email: string) {
  const res = await api(ts, '/api/v1/staff/login', { body: { email, password: PASSWORD }, origin: ts.server.url });
  assert.equal(res.status, 200);
  return { body: res.body, cookie: String(res.headers.get('set-cookie')), pair: String(res.headers.get('set-cookie')).split(';')[0] };
}

test('a browser login gets the session as an httpOnly SameSite=Strict cookie and no token in the body (was: token in localStorage)', async () => {
  await withTestServer({}, async (ts, t) => {
    const login = await browserLogin(ts, t.staff.email);
    assert.equal(login.body.token, undefined, 'script never sees the session token');
    assert.match(login.body.csrfToken, /^[\w-]{43}$/);
    assert.match(login.cookie, /^parley_session=[^;]+;/);
    assert.match(login.cookie, /HttpOnly/);
    assert.match(login.cookie, /SameSite=Strict/);
    // Scripts, the CLI and tests (no Origin) still get a Bearer token.
    const script = await api(ts, '/api/v1/staff/login', { body: { email: t.staff.email, password: PASSWORD } });
    assert.match(script.body.token, /^ey/);
  });
});

test('a write with the cookie needs the X-CSRF-Token of its session; reads and Bearer calls do not', async () => {
  await withTestServer({}, async (ts, t) => {
    const { body, pair } = await browserLogin(ts, t.staff.email);
    const origin = ts.server.url;
    const create = (headers: Record<string, string>) =>
      api(ts, '/api/v1/canned-responses', { body: { shortcut: `s${Math.random().toString(36).slice(2, 8)}`, text: 'Hello!' }, origin, headers: { cookie: pair, ...headers } });
    const without = await create({});
    assert.equal(without.status, 403);
    assert.equal(without.body.code, 'csrf_failed');
    assert.match(without.body.message, /X-CSRF-Token/);
    assert.equal((await create({ 'x-csrf-token': 'A'.repeat(43) })).status, 403);
    const other = await browserLogin(ts, t.staff.email);
    assert.equal((await create({ 'x-csrf-token': other.body.csrfToken })).status, 403, "another session's token does not fit");
    assert.equal((await create({ 'x-csrf-token': body.csrfToken })).status, 201);
    // A reloaded dashboard gets its CSRF token back from GET /staff/me (the cookie decides).
    const me = await api(ts, '/api/v1/staff/me', { origin, headers: { cookie: pair } });
    assert.equal(me.status, 200);
    assert.equal(me.body.csrfToken, body.csrfToken);
    assert.equal((await api(ts, '/api/v1/canned-responses', { token: t.staffToken, body: { shortcut: 'bearer', text: 'x' } })).status, 201);
  });
});

test('the staff socket is authenticated by the upgrade cookie: hello carries no token', async () => {
  await withTestServer({}, async (ts, t) => {
    const { pair } = await browserLogin(ts, t.staff.email);
    const withCookie = await connect(ts, { origin: ts.server.url, wsOptions: { headers: { cookie: pair } } });
    const ack = await withCookie.request('hello', { v: 1, token: '' });
    assert.equal(ack.type, 'ack');
    await withCookie.close();
    const bare = await connect(ts, { origin: ts.server.url });
    const refused = (await bare.request('hello', { v: 1, token: '' })) as { type: string; code: string };
    assert.equal(refused.code, 'unauthorized');
    assert.equal((await bare.closed).code, 4001);
    // A visitor socket never takes the staff cookie.
    const visitorSocket = await connect(ts, { site: t.site.key, wsOptions: { headers: { cookie: pair } } });
    assert.equal(((await visitorSocket.request('hello', { v: 1, token: '' })) as { code: string }).code, 'unauthorized');
  });
});

test('a staff session unused for PARLEY_STAFF_IDLE_TIMEOUT ends: requests get 401 and its sockets close', async () => {
  let now = Date.now();
  const beat = manualHeartbeat();
  await withTestServer({ staffIdleTimeoutSec: 600 }, { now: () => now, heartbeatTimer: beat.timer }, async (ts, t) => {
    const me = () => api(ts, '/api/v1/staff/me', { token: t.staffToken });
    // createTestSite logged in now: activity keeps the session alive past the timeout...
    now += 400_000;
    assert.equal((await me()).status, 200);
    now += 400_000;
    assert.equal((await me()).status, 200, '800 s after login, but 400 s after the last use');
    const socket = await connect(ts);
    await socket.hello(t.staffToken);
    // ...and 601 s without any ends it (heartbeats do not count).
    now += 601_000;
    const idle = await me();
    assert.equal(idle.status, 401);
    assert.match(idle.body.message, /^Signed out after 10 minutes without activity; log in again\.$/);
    beat.tick();
    assert.equal((await socket.closed).code, 4011);
  });
});
