import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addStaff, createTestSite, loginStaff, newVisitor, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/** Canned responses over REST: create, list, delete; any staff member of the site, nobody else. */
let ts: TestServer;
let t: TestSite;
let agentToken: string;
before(async () => {
  ts = await startTestServer();
  t = await createTestSite(ts);
  agentToken = await loginStaff(ts, (await addStaff(ts, t.site, 'agent')).email);
});
after(() => ts.stop());

const create = (token: string, shortcut: string) => api(ts, '/api/v1/canned-responses', { token, body: { shortcut, text: `Text of ${shortcut}` } });
const list = async (token: string) => (await api(ts, '/api/v1/canned-responses', { token })).body.items as { id: string; shortcut: string }[];
const remove = (token: string, id: string) => api(ts, `/api/v1/canned-responses/${encodeURIComponent(id)}`, { method: 'DELETE', token });

test('an agent creates and deletes a canned response of their site', async () => {
  const created = await create(agentToken, 'bye');
  assert.equal(created.status, 201);
  assert.ok((await list(agentToken)).some((c) => c.id === created.body.id));
  const r = await remove(agentToken, created.body.id);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { ok: true });
  assert.ok(!(await list(t.staffToken)).some((c) => c.id === created.body.id), 'gone for the whole site');
  assert.equal((await remove(agentToken, created.body.id)).status, 404, 'deleting twice is not_found');
});

test('an admin may delete one an agent created', async () => {
  const created = await create(agentToken, 'refund');
  assert.equal((await remove(t.staffToken, created.body.id)).status, 200);
});

test('another site cannot delete it, and learns nothing: not_found like a missing one', async () => {
  const created = await create(t.staffToken, 'hours');
  const other = await createTestSite(ts);
  const r = await remove(other.staffToken, created.body.id);
  assert.equal(r.status, 404);
  assert.equal(r.body.code, 'not_found');
  assert.equal((await remove(other.staffToken, 'cnd_missing')).status, 404);
  assert.ok((await list(t.staffToken)).some((c) => c.id === created.body.id), 'still there');
});

test('visitors and anonymous callers cannot delete canned responses', async () => {
  const created = await create(t.staffToken, 'nope');
  const visitor = await newVisitor(ts, t.site);
  const asVisitor = await remove(visitor.token, created.body.id);
  assert.equal(asVisitor.status, 403);
  assert.equal(asVisitor.body.code, 'forbidden');
  assert.equal((await remove('', created.body.id)).status, 401);
  assert.ok((await list(t.staffToken)).some((c) => c.id === created.body.id));
});
