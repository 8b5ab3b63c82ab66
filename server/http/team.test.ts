import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloseCodes } from '../../protocol/index.ts';
import { addStaff, createTestSite, loginStaff, manualHeartbeat, newVisitor, startTestServer, staffClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

let ts: TestServer;
let t: TestSite;
before(async () => {
  // Heartbeats never fire here: a socket that closes was closed by the revocation itself, not by the next beat's recheck.
  ts = await startTestServer({}, { heartbeatTimer: manualHeartbeat().timer });
  t = await createTestSite(ts, { role: 'admin' });
});
after(() => ts.stop());

const as = (token: string) => ({
  get: (path: string) => api(ts, path, { token }),
  post: (path: string, body: unknown = {}) => api(ts, path, { token, body }),
  patch: (path: string, body: unknown) => api(ts, path, { method: 'PATCH', token, body }),
  put: (path: string, body: unknown) => api(ts, path, { method: 'PUT', token, body }),
  del: (path: string) => api(ts, path, { method: 'DELETE', token }),
});
const admin = () => as(t.staffToken);
const tokenOf = (path: string) => path.split('#')[1];
const me = (token: string) => api(ts, '/api/v1/staff/me', { token });

test('an invitation: a member without a password, a link that sets one (by the policy), used once, signed in', async () => {
  const r = await admin().post('/api/v1/admin/staff/invitations', { email: 'New.Agent@Example.com', name: 'New Agent', role: 'agent' });
  assert.equal(r.status, 201);
  assert.equal(r.body.staff.status, 'invited');
  assert.equal(r.body.staff.email, 'new.agent@example.com');
  assert.match(r.body.link.path, /^\/dashboard\/password#[\w-]{43}$/);
  const token = tokenOf(r.body.link.path);
  assert.equal(r.body.link.token, token);
  const info = await api(ts, '/api/v1/staff/password-link', { body: { token } });
  assert.deepEqual(info.body, { purpose: 'invite', email: 'new.agent@example.com', name: 'New Agent', siteName: t.site.name });
  const login = () => api(ts, '/api/v1/staff/login', { body: { email: 'new.agent@example.com', password: 'a long new password here' } });
  assert.equal((await login()).status, 401, 'no password yet: nothing signs in');

  for (const [password, why] of [['too short', /at least 12/], ['new.agent@example.com', /email/], ['password1234', /most common/]] as const) {
    const weak = await api(ts, '/api/v1/staff/password-link/use', { body: { token, password } });
    assert.equal(weak.status, 400, password);
    assert.equal(weak.body.code, 'weak_password');
    assert.match(weak.body.message, why);
  }
  const used = await api(ts, '/api/v1/staff/password-link/use', { body: { token, password: 'a long new password here' } });
  assert.equal(used.status, 200);
  assert.equal((await me(used.body.token)).status, 200, 'signed in by the link');
  assert.equal((await api(ts, '/api/v1/staff/password-link/use', { body: { token, password: 'another long password' } })).status, 404, 'used once');
  assert.equal((await login()).status, 200);
  const listed = (await admin().get('/api/v1/admin/staff')).body.staff.find((s: { email: string }) => s.email === 'new.agent@example.com');
  assert.equal(listed.status, 'active');
});

test('roles change, but never so that the site is left without an active admin', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const agentToken = await loginStaff(ts, agent.email);
  assert.equal((await as(agentToken).get('/api/v1/admin/staff')).status, 403);
  const promoted = await admin().patch(`/api/v1/admin/staff/${agent.id}`, { role: 'admin' });
  assert.equal(promoted.body.staff.role, 'admin');
  assert.equal((await as(agentToken).get('/api/v1/admin/staff')).status, 200, 'at once, on the same session');
  assert.equal((await admin().patch(`/api/v1/admin/staff/${agent.id}`, { role: 'agent' })).status, 200);
  const lonely = await createTestSite(ts, { role: 'admin' });
  const self = await as(lonely.staffToken).patch(`/api/v1/admin/staff/${lonely.staff.id}`, { role: 'agent' });
  assert.equal(self.status, 409);
  assert.equal(self.body.code, 'conflict');
  assert.match(self.body.message, /at least one active admin/);
  // Another site's member is not there at all.
  assert.equal((await admin().patch(`/api/v1/admin/staff/${lonely.staff.id}`, { role: 'agent' })).status, 404);
});

test("the site's last active admin cannot be demoted, deactivated or removed, not even by an admin API token: 409 conflict", async () => {
  // An admin token acting as itself is the one caller that is not a member, so it alone can aim at the
  // last admin (an admin in Settings -> Team cannot change their own role, and is an admin themselves).
  const lonely = await createTestSite(ts, { role: 'admin' });
  const made = await as(lonely.staffToken).post('/api/v1/admin/api-tokens', { name: 'Admin bot', scopes: ['admin', 'read', 'write'] });
  assert.equal(made.status, 201);
  const bot = as(made.body.secret);
  // An admin who has not set a password yet does not count: they cannot sign in.
  const invited = await bot.post('/api/v1/admin/staff/invitations', { email: 'new-admin@example.com', name: 'New Admin', role: 'admin' });
  assert.equal(invited.status, 201);
  const only = `/api/v1/admin/staff/${lonely.staff.id}`;
  for (const [what, refused] of [
    ['demoted', await bot.patch(only, { role: 'agent' })],
    ['deactivated', await bot.patch(only, { active: false })],
    ['removed', await bot.del(only)],
  ] as const) {
    assert.equal(refused.status, 409, what);
    assert.equal(refused.body.code, 'conflict', what);
    assert.match(refused.body.message, /at least one active admin/, what);
  }
  const still = (await bot.get('/api/v1/admin/staff')).body.staff.find((m: { id: string }) => m.id === lonely.staff.id);
  assert.deepEqual([still.role, still.status ?? 'active'], ['admin', 'active']);
});

test('deactivating: open sockets closed at once, every session revoked, open conversations unassigned; reactivating', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const [tokenA, tokenB] = [await loginStaff(ts, agent.email), await loginStaff(ts, agent.email)];
  const socket = await staffClient(ts, tokenA);
  const v = await newVisitor(ts, t.site);
  const sent = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: t.site.id, visitorId: v.visitorId }, { clientId: 'q1', text: 'help' });
  await admin().patch(`/api/v1/conversations/${sent.conversationId}`, { assigneeId: agent.id });
  const r = await admin().patch(`/api/v1/admin/staff/${agent.id}`, { active: false });
  assert.equal(r.status, 200);
  assert.equal(r.body.staff.status, 'deactivated');
  assert.equal(r.body.unassigned, 1);
  const closed = await socket.closed;
  assert.equal(closed.code, CloseCodes.replaced);
  for (const token of [tokenA, tokenB]) assert.equal((await me(token)).status, 401);
  assert.equal((await admin().get(`/api/v1/conversations/${sent.conversationId}`)).body.conversation.assigneeId, null);
  const login = await api(ts, '/api/v1/staff/login', { body: { email: agent.email, password: 'correct horse battery staple' } });
  assert.equal(login.status, 403);
  assert.match(login.body.message, /deactivated/);
  assert.ok(!(await as(t.staffToken).get('/api/v1/staff')).body.staff.some((s: { id: string }) => s.id === agent.id), 'not offered for assignment');
  assert.equal((await admin().patch(`/api/v1/admin/staff/${agent.id}`, { active: true })).body.staff.status, 'active');
  assert.equal((await api(ts, '/api/v1/staff/login', { body: { email: agent.email, password: 'correct horse battery staple' } })).status, 200);
  assert.equal((await admin().patch(`/api/v1/admin/staff/${t.staff.id}`, { active: false })).status, 409, 'not yourself');
});

test('removing a member: gone from the team, their session ends', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const token = await loginStaff(ts, agent.email);
  assert.equal((await admin().del(`/api/v1/admin/staff/${agent.id}`)).status, 200);
  assert.equal((await me(token)).status, 401);
  assert.ok(!(await admin().get('/api/v1/admin/staff')).body.staff.some((s: { id: string }) => s.id === agent.id));
  assert.equal((await admin().del(`/api/v1/admin/staff/${agent.id}`)).status, 404);
});

test('an admin resets a password: the old one stops, sessions end, a link sets a new one', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const token = await loginStaff(ts, agent.email);
  const socket = await staffClient(ts, token);
  const r = await admin().post(`/api/v1/admin/staff/${agent.id}/password-reset`);
  assert.equal(r.status, 200);
  assert.equal((await socket.closed).code, CloseCodes.replaced);
  assert.equal((await me(token)).status, 401);
  assert.equal((await api(ts, '/api/v1/staff/login', { body: { email: agent.email, password: 'correct horse battery staple' } })).status, 401);
  assert.equal((await api(ts, '/api/v1/staff/password-link', { body: { token: r.body.link.token } })).body.purpose, 'reset');
  const used = await api(ts, '/api/v1/staff/password-link/use', { body: { token: r.body.link.token, password: 'a brand new long password' } });
  assert.equal(used.status, 200);
});

test('a member changes their own password: the current one is needed, their other sessions and sockets end', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const [mine, other] = [await loginStaff(ts, agent.email), await loginStaff(ts, agent.email)];
  const otherSocket = await staffClient(ts, other);
  const mySocket = await staffClient(ts, mine);
  const wrong = await as(mine).put('/api/v1/staff/me/password', { current: 'not it at all', password: 'a brand new long password' });
  assert.equal(wrong.status, 400, 'the session is fine: not a 401');
  assert.equal(wrong.body.message, 'The current password is wrong.');
  assert.equal((await as(mine).put('/api/v1/staff/me/password', { current: 'correct horse battery staple', password: 'short' })).body.code, 'weak_password');
  assert.equal((await as(mine).put('/api/v1/staff/me/password', { current: 'correct horse battery staple', password: 'a brand new long password' })).status, 200);
  assert.equal((await otherSocket.closed).code, CloseCodes.replaced);
  assert.equal((await me(other)).status, 401);
  assert.equal((await me(mine)).status, 200, 'this session goes on');
  assert.equal(mySocket.ws.readyState, mySocket.ws.OPEN);
  await mySocket.close();
});

test('logout and "sign out everywhere" close open sockets at once', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const one = await loginStaff(ts, agent.email);
  const socket = await staffClient(ts, one);
  assert.equal((await as(one).post('/api/v1/staff/logout')).status, 200);
  assert.equal((await socket.closed).code, CloseCodes.replaced, 'logout: its socket closes now, not at the next heartbeat');
  const [a, b] = [await loginStaff(ts, agent.email), await loginStaff(ts, agent.email)];
  const sockets = [await staffClient(ts, a), await staffClient(ts, b)];
  assert.equal((await as(a).post('/api/v1/staff/me/sign-out-everywhere')).status, 200);
  for (const s of sockets) assert.equal((await s.closed).code, CloseCodes.replaced);
  for (const token of [a, b]) assert.equal((await me(token)).status, 401);
});

test('a member changes their name: the team and their next message carry it', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const token = await loginStaff(ts, agent.email);
  const v = await newVisitor(ts, t.site);
  const { conversationId } = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: t.site.id, visitorId: v.visitorId }, { clientId: 'n1', text: 'hi' });
  await as(token).post(`/api/v1/conversations/${conversationId}/messages`, { clientId: 'a1', text: 'before' });
  const r = await as(token).patch('/api/v1/staff/me', { name: '  Grace Hopper ' });
  assert.equal(r.body.staff.name, 'Grace Hopper');
  const sent = await as(token).post(`/api/v1/conversations/${conversationId}/messages`, { clientId: 'a2', text: 'after' });
  assert.equal(sent.body.message.authorName, 'Grace Hopper');
  assert.equal((await as(token).patch('/api/v1/staff/me', { name: '   ' })).status, 400);
});

/** Someone on this test's site and on another one, with one password (as every write path keeps it). */
async function twoSitePerson() {
  const other = await createTestSite(ts);
  const here = await addStaff(ts, t.site, 'agent');
  const there = await ts.server.store.createStaff({ siteId: other.site.id, email: here.email, name: here.name, role: 'agent', passwordHash: here.passwordHash });
  const hereToken = await loginStaff(ts, here.email);
  const thereToken = (await ts.server.auth.startStaffSession(there)).token;
  return { other, here, there, hereToken, thereToken };
}

test('a member on two sites changes their own password: their sessions and sockets on the other site end too; the new one opens both', async () => {
  const { here, there, hereToken, thereToken } = await twoSitePerson();
  const thereSocket = await staffClient(ts, thereToken);
  assert.equal((await as(hereToken).put('/api/v1/staff/me/password', { current: 'correct horse battery staple', password: 'one new password for both' })).status, 200);
  assert.equal((await thereSocket.closed).code, CloseCodes.replaced, 'the other site\'s socket closes at once');
  assert.equal((await me(thereToken)).status, 401);
  assert.equal((await me(hereToken)).status, 200, 'the session that changed it goes on');
  const [a, b] = [await ts.server.store.getStaff(here.id), await ts.server.store.getStaff(there.id)];
  assert.equal(a!.passwordHash, b!.passwordHash, 'one password on both memberships');
  assert.equal((await api(ts, '/api/v1/staff/login', { body: { email: here.email, password: 'one new password for both' } })).status, 200);
});

test('an admin resets someone who is also on another site: 409 unless they administer that site too; then it ends their sessions on both', async () => {
  const { other, here, there, hereToken, thereToken } = await twoSitePerson();
  const refused = await admin().post(`/api/v1/admin/staff/${here.id}/password-reset`);
  assert.deepEqual([refused.status, refused.body.code], [409, 'conflict']);
  assert.match(refused.body.message, /also belongs to other sites on this server, where you are not an admin/);
  assert.equal((await me(thereToken)).status, 200, 'nothing changed: their other site\'s session goes on');
  assert.equal((await api(ts, '/api/v1/staff/login', { body: { email: here.email, password: 'correct horse battery staple' } })).status, 200, 'and their password still works');

  // The same admin also administers the other site: they may reset it, for both.
  await ts.server.store.createStaff({ siteId: other.site.id, email: t.staff.email, name: t.staff.name, role: 'admin', passwordHash: t.staff.passwordHash });
  const thereSocket = await staffClient(ts, thereToken);
  const r = await admin().post(`/api/v1/admin/staff/${here.id}/password-reset`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await thereSocket.closed).code, CloseCodes.replaced);
  assert.deepEqual([(await me(hereToken)).status, (await me(thereToken)).status], [401, 401]);
  assert.deepEqual([(await ts.server.store.getStaff(here.id))!.passwordHash, (await ts.server.store.getStaff(there.id))!.passwordHash], ['', ''], 'gone on both');
  assert.equal((await api(ts, '/api/v1/staff/password-link/use', { body: { token: r.body.link.token, password: 'a new password for both sites' } })).status, 200);
  assert.equal((await ts.server.store.getStaff(there.id))!.passwordHash, (await ts.server.store.getStaff(here.id))!.passwordHash, 'the link set it for both');
});
