import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addStaff, createTestSite, loginStaff, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer();
  t = await createTestSite(ts, { role: 'admin' });
});
after(() => ts.stop());

test('admins see and edit only their own site; origins are validated; the identity secret rotates', async () => {
  const list = await api(ts, '/api/v1/admin/sites', { token: t.staffToken });
  assert.deepEqual(list.body.sites.map((s: { id: string }) => s.id), [t.site.id]);
  const other = await createTestSite(ts);
  assert.equal((await api(ts, `/api/v1/admin/sites/${other.site.id}`, { token: t.staffToken })).status, 404);

  const bad = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { allowedOrigins: ['shop.example/path'] } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /allowedOrigins\[0\]/);
  const patched = await api(ts, `/api/v1/admin/sites/${t.site.id}`, {
    method: 'PATCH',
    token: t.staffToken,
    body: { allowedOrigins: ['https://shop.example', 'http://localhost:*'], settings: { color: '#047857', greeting: 'Hello' }, rotateIdentitySecret: true },
  });
  assert.equal(patched.status, 200);
  assert.deepEqual(patched.body.site.allowedOrigins, ['https://shop.example', 'http://localhost:*']);
  assert.equal(patched.body.site.settings.color, '#047857');
  assert.notEqual(patched.body.site.identitySecret, t.site.identitySecret);
  const fromLocalhost = await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key }, origin: 'http://localhost:5173' });
  assert.equal(fromLocalhost.status, 200);
});

test('admins add staff (a password is generated when none is given); agents cannot use admin routes', async () => {
  const created = await api(ts, '/api/v1/admin/staff', { token: t.staffToken, body: { email: 'New@Example.com', name: 'New Agent', role: 'agent' } });
  assert.equal(created.status, 201);
  assert.equal(created.body.staff.email, 'new@example.com');
  assert.equal(typeof created.body.password, 'string');
  const login = await api(ts, '/api/v1/staff/login', { body: { email: 'new@example.com', password: created.body.password } });
  assert.equal(login.status, 200);
  const dup = await api(ts, '/api/v1/admin/staff', { token: t.staffToken, body: { email: 'new@example.com', name: 'Again', role: 'agent' } });
  assert.equal(dup.status, 409);
  const agent = await addStaff(ts, t.site, 'agent');
  const agentToken = await loginStaff(ts, agent.email);
  for (const path of ['/api/v1/admin/sites', '/api/v1/admin/staff']) {
    assert.equal((await api(ts, path, { token: agentToken })).status, 403);
  }
});

test('creating a site creates its first admin', async () => {
  const r = await api(ts, '/api/v1/admin/sites', {
    token: t.staffToken,
    body: { name: 'Second shop', allowedOrigins: ['https://second.example'], admin: { email: 'boss@second.example', name: 'Boss', password: 'a long enough password' } },
  });
  assert.equal(r.status, 201);
  assert.match(r.body.site.key, /^pk_/);
  assert.equal(r.body.admin.role, 'admin');
  const login = await api(ts, '/api/v1/staff/login', { body: { email: 'boss@second.example', password: 'a long enough password' } });
  assert.equal(login.body.site.id, r.body.site.id);
});
