import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import WebSocket from 'ws';
import { createLogger } from '../log.ts';
import { createTestSite, withTestServer, type TestServer } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/** Origin by scheme, host and port; JSON bodies only; allowed Host names; CORS only where needed; security events logged. */

/** node:http, because fetch may not set Host. */
function raw(ts: TestServer, path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${ts.server.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const upgradeStatus = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });

async function loginCookie(ts: TestServer, email: string): Promise<string> {
  const res = await api(ts, '/api/v1/staff/login', { body: { email, password: 'correct horse battery staple' } });
  assert.equal(res.status, 200);
  return String(res.headers.get('set-cookie')).split(';')[0];
}

test('a staff-cookie POST from the other scheme of the dashboard host is cross-origin, and a text/plain body is 415 (was: an admin created)', async () => {
  await withTestServer({}, async (ts) => {
    const { staff } = await createTestSite(ts, { role: 'admin' });
    const cookie = await loginCookie(ts, staff.email);
    const host = new URL(ts.server.url).host;
    const otherScheme = `https://${host}`;
    const newAdmin = JSON.stringify({ email: `mallory-${Date.now()}@evil.example`, name: 'M', role: 'admin', password: 'a-long-password-123' });
    const plain = await raw(ts, '/api/v1/admin/staff', { cookie, origin: otherScheme, 'content-type': 'text/plain' }, 'POST', newAdmin);
    assert.equal(plain.status, 415);
    assert.equal(plain.body.code, 'unsupported_media_type');
    const json = await raw(ts, '/api/v1/admin/staff', { cookie, origin: otherScheme, 'content-type': 'application/json' }, 'POST', newAdmin);
    assert.equal(json.status, 403);
    assert.equal(json.body.code, 'origin_not_allowed');
    const same = await raw(ts, '/api/v1/staff/me', { cookie, origin: `http://${host}` });
    assert.equal(same.status, 200, 'the same scheme, host and port is same-origin');
    // The staff socket too: another scheme or port of the host is refused.
    const ws = ts.server.url.replace('http', 'ws') + '/ws';
    assert.equal(await upgradeStatus(ws, { origin: otherScheme }), 403);
    assert.equal(await upgradeStatus(ws, { origin: `http://${new URL(ts.server.url).hostname}:1` }), 403);
    assert.equal(await upgradeStatus(ws, { origin: `http://${host}` }), 101);
  });
});

test('JSON routes take only application/json bodies; bodiless POSTs and uploads are not affected', async () => {
  await withTestServer({}, async (ts) => {
    const { site } = await createTestSite(ts);
    const body = JSON.stringify({ siteKey: site.key });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw(ts, '/api/v1/visitor/session', { 'content-type': type }, 'POST', body);
      assert.equal(res.status, 415, type);
      assert.match(res.body.message, /Content-Type: application\/json/);
    }
    assert.equal((await raw(ts, '/api/v1/visitor/session', {}, 'POST', body)).status, 415, 'no Content-Type at all');
    assert.equal((await raw(ts, '/api/v1/visitor/session', { 'content-type': 'application/json; charset=utf-8' }, 'POST', body)).status, 200);
  });
});

test('with PARLEY_PUBLIC_URL (or PARLEY_ALLOWED_HOSTS) other Host headers are refused 421, HTTP and WebSocket; health checks answer any', async () => {
  await withTestServer({ publicUrl: 'https://chat.acme.example' }, async (ts) => {
    const refused = await raw(ts, '/api/v1/staff/me', { host: 'rebound.evil.example' });
    assert.equal(refused.status, 421);
    assert.equal(refused.body.code, 'host_not_allowed');
    assert.equal((await raw(ts, '/dashboard', { host: 'rebound.evil.example' })).status, 421, 'the dashboard page too');
    assert.equal((await raw(ts, '/api/v1/staff/me', { host: 'chat.acme.example' })).status, 401, 'the public host is served');
    assert.equal((await raw(ts, '/healthz', { host: '10.0.0.7:8787' })).status, 200);
    assert.equal(await upgradeStatus(ts.server.url.replace('http', 'ws') + '/ws', { host: 'rebound.evil.example' }), 421);
  });
  await withTestServer({ allowedHosts: ['chat.acme.example', 'localhost'] }, async (ts) => {
    const port = new URL(ts.server.url).port;
    assert.equal((await raw(ts, '/api/v1/staff/me', { host: `localhost:${port}` })).status, 401, 'a listed name with any port');
    assert.equal((await raw(ts, '/api/v1/staff/me', { host: `127.0.0.1:${port}` })).status, 421);
  });
});

test('CORS: the widget routes answer any origin without credentials; staff and admin routes only PARLEY_DASHBOARD_ORIGINS (was: any origin reflected)', async () => {
  await withTestServer({ dashboardOrigins: ['https://dash.acme.example'] }, async (ts) => {
    const preflight = (path: string, origin: string) =>
      raw(ts, path, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }, 'OPTIONS');
    for (const path of ['/api/v1/visitor/session', '/api/v1/visitor/erasure-request']) {
      const widget = await preflight(path, 'https://shop.example');
      assert.equal(widget.headers['access-control-allow-origin'], 'https://shop.example', path);
      assert.equal(widget.headers['access-control-allow-credentials'], undefined, path);
    }
    for (const path of ['/api/v1/admin/staff', '/api/v1/staff/login', '/api/v1/canned-responses', '/api/v1/search', '/api/v1/privacy/erasure-requests']) {
      const evil = await preflight(path, 'https://evil.example');
      assert.equal(evil.headers['access-control-allow-origin'], undefined, path);
      const get = await raw(ts, path, { origin: 'https://evil.example' });
      assert.equal(get.headers['access-control-allow-origin'], undefined, path);
    }
    const dash = await preflight('/api/v1/admin/staff', 'https://dash.acme.example');
    assert.equal(dash.headers['access-control-allow-origin'], 'https://dash.acme.example');
    assert.equal(dash.headers['access-control-allow-credentials'], 'true');
  });
});

test('security events: failed logins, refused origins and hosts, limit hits are logged with the IP and who', async () => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'warn', sink: (line) => lines.push(JSON.parse(line)) });
  await withTestServer({ publicUrl: 'http://127.0.0.1', allowedHosts: ['127.0.0.1'], serverLimits: { restRateBurst: 2, restRatePerSec: 0 } }, { log }, async (ts) => {
    const { site, staff, staffToken } = await createTestSite(ts, { origins: ['https://shop.example'] });
    await api(ts, '/api/v1/staff/login', { body: { email: staff.email, password: 'wrong' } });
    await api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key }, origin: 'https://evil.example' });
    await api(ts, '/api/v1/staff/me', { token: staffToken, origin: 'https://evil.example' });
    await raw(ts, '/api/v1/staff/me', { host: 'rebound.evil.example' });
    for (let i = 0; i < 3; i++) await api(ts, '/api/v1/staff/login', { body: { email: staff.email, password: 'wrong' } });
    const security = lines.filter((l) => String(l.msg).startsWith('security:'));
    const find = (msg: string) => security.find((l) => l.msg === msg);
    assert.equal(find('security: login failed')?.email, staff.email);
    assert.equal(find('security: login failed')?.ip, '127.0.0.1');
    const origins = security.filter((l) => l.msg === 'security: origin refused');
    assert.equal(origins.length, 2);
    assert.ok(origins.some((l) => l.who === `staff:${staff.id}` && l.origin === 'https://evil.example'), JSON.stringify(origins));
    assert.equal(find('security: host refused')?.ip, '127.0.0.1');
    const limit = find('security: rate limited');
    assert.equal(limit?.limit, 'rest-staff-login');
    assert.equal(limit?.ip, '127.0.0.1');
  });
});
