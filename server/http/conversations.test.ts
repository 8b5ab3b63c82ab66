import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addStaff, createTestSite, loginStaff, newVisitor, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import type { SiteRecord } from '../store/store.ts';
import { api } from './test-client.ts';

let ts: TestServer;
let site: SiteRecord;
let adminToken: string;
let agentToken: string;
let agentId: string;
before(async () => {
  ts = await startTestServer();
  const t = await createTestSite(ts);
  site = t.site;
  adminToken = t.staffToken;
  const agent = await addStaff(ts, site, 'agent');
  agentId = agent.id;
  agentToken = await loginStaff(ts, agent.email);
});
after(() => ts.stop());

/** A visitor with a conversation of `n` messages (sent through the domain, the same path as ws). */
async function visitorWithMessages(n: number) {
  const v = await newVisitor(ts, site);
  const p = { kind: 'visitor' as const, siteId: site.id, visitorId: v.visitorId };
  let conversationId = '';
  for (let i = 1; i <= n; i++) {
    const ack = await ts.server.domain.sendMessage(p, { conversationId: conversationId || undefined, clientId: `m${i}`, text: `message ${i}` });
    conversationId = ack.conversationId;
  }
  return { ...v, conversationId };
}

test('a visitor cannot read another visitor\'s conversation or history, nor post into it', async () => {
  const a = await visitorWithMessages(1);
  const b = await visitorWithMessages(1);
  for (const path of [`/api/v1/conversations/${a.conversationId}`, `/api/v1/conversations/${a.conversationId}/messages`]) {
    const r = await api(ts, path, { token: b.token });
    assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status}`);
    assert.doesNotMatch(JSON.stringify(r.body), /message 1/);
  }
  const post = await api(ts, `/api/v1/conversations/${a.conversationId}/messages`, { token: b.token, body: { clientId: 'x', text: 'intrude' } });
  assert.ok(post.status === 403 || post.status === 404);
  const own = await api(ts, `/api/v1/conversations/${a.conversationId}`, { token: a.token });
  assert.equal(own.status, 200);
  assert.equal(own.body.conversation.id, a.conversationId);
});

test('staff of another site get 403/404 on this site\'s conversations, visitors and messages', async () => {
  const a = await visitorWithMessages(1);
  const other = await createTestSite(ts);
  const paths = [`/api/v1/conversations/${a.conversationId}`, `/api/v1/conversations/${a.conversationId}/messages`, `/api/v1/visitors/${a.visitorId}`];
  for (const path of paths) {
    const r = await api(ts, path, { token: other.staffToken });
    assert.ok(r.status === 403 || r.status === 404, `${path}: ${r.status}`);
  }
  const patch = await api(ts, `/api/v1/conversations/${a.conversationId}`, { method: 'PATCH', token: other.staffToken, body: { status: 'resolved' } });
  assert.ok(patch.status === 403 || patch.status === 404);
  const inbox = await api(ts, '/api/v1/conversations?view=all', { token: other.staffToken });
  assert.equal(inbox.status, 200);
  assert.equal(inbox.body.items.some((i: { id: string }) => i.id === a.conversationId), false);
});

test('history pages by seq: newest page, then before, then after', async () => {
  const v = await visitorWithMessages(7);
  const base = `/api/v1/conversations/${v.conversationId}/messages`;
  const newest = await api(ts, `${base}?limit=3`, { token: v.token });
  assert.deepEqual(newest.body.messages.map((m: { text: string }) => m.text), ['message 5', 'message 6', 'message 7']);
  assert.equal(newest.body.hasMore, true);
  const before = await api(ts, `${base}?limit=3&before=${newest.body.messages[0].seq}`, { token: v.token });
  assert.deepEqual(before.body.messages.map((m: { text: string }) => m.text), ['message 2', 'message 3', 'message 4']);
  const after = await api(ts, `${base}?limit=10&after=${newest.body.messages[0].seq}`, { token: v.token });
  assert.deepEqual(after.body.messages.map((m: { text: string }) => m.text), ['message 6', 'message 7']);
  assert.equal(after.body.hasMore, false);
  const bad = await api(ts, `${base}?before=abc`, { token: v.token });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /before/);
});

test('send by REST is idempotent on clientId; staff replies reach the history', async () => {
  const v = await visitorWithMessages(1);
  const path = `/api/v1/conversations/${v.conversationId}/messages`;
  const first = await api(ts, path, { token: v.token, body: { clientId: 'rest-1', text: 'sent twice' } });
  assert.equal(first.status, 200);
  const again = await api(ts, path, { token: v.token, body: { clientId: 'rest-1', text: 'sent twice' } });
  assert.equal(again.body.messageId, first.body.messageId);
  assert.equal(again.body.seq, first.body.seq);
  const reply = await api(ts, path, { token: agentToken, body: { clientId: 'rest-2', text: 'Hello from staff' } });
  assert.equal(reply.status, 200);
  const history = await api(ts, path, { token: v.token });
  assert.deepEqual(history.body.messages.map((m: { text: string }) => m.text), ['message 1', 'sent twice', 'Hello from staff']);
  const tooLong = await api(ts, path, { token: v.token, body: { clientId: 'rest-3', text: 'x'.repeat(ts.config.limits.maxTextLength + 1) } });
  assert.equal(tooLong.body.code, 'text_too_long');
});

test('mark read moves the cursor; PATCH assigns and changes status; agents delete messages, visitors cannot', async () => {
  const v = await visitorWithMessages(2);
  const base = `/api/v1/conversations/${v.conversationId}`;
  const read = await api(ts, `${base}/read`, { token: agentToken, body: { seq: 2 } });
  assert.equal(read.status, 200);
  assert.equal(read.body.seq >= 2, true);
  const patched = await api(ts, base, { method: 'PATCH', token: adminToken, body: { assigneeId: agentId, status: 'pending' } });
  assert.equal(patched.status, 200);
  const conv = await api(ts, base, { token: agentToken });
  assert.equal(conv.body.conversation.assigneeId, agentId);
  assert.equal(conv.body.conversation.status, 'pending');
  const badStatus = await api(ts, base, { method: 'PATCH', token: adminToken, body: { status: 'closed' } });
  assert.equal(badStatus.status, 400);
  assert.match(badStatus.body.message, /status/);
  const byVisitor = await api(ts, base, { method: 'PATCH', token: v.token, body: { status: 'resolved' } });
  assert.equal(byVisitor.status, 403);

  const history = await api(ts, `${base}/messages`, { token: agentToken });
  const messageId = history.body.messages[0].id;
  assert.equal((await api(ts, `${base}/messages/${messageId}`, { method: 'DELETE', token: v.token })).status, 403);
  const del = await api(ts, `${base}/messages/${messageId}`, { method: 'DELETE', token: agentToken });
  assert.equal(del.status, 200);
  assert.equal(typeof del.body.seq, 'number');
  const after = await api(ts, `${base}/messages`, { token: v.token });
  assert.equal(after.body.messages.find((m: { id: string }) => m.id === messageId)?.deleted ?? true, true);
});

test('inbox, presence, search, canned responses and staff list answer for staff', async () => {
  const v = await visitorWithMessages(1);
  const inbox = await api(ts, '/api/v1/conversations?view=all&limit=50', { token: agentToken });
  assert.equal(inbox.status, 200);
  assert.ok(inbox.body.items.some((i: { id: string }) => i.id === v.conversationId));
  assert.equal((await api(ts, '/api/v1/conversations?view=everything', { token: agentToken })).status, 400);
  const presence = await api(ts, `/api/v1/presence?conversationId=${v.conversationId}`, { token: v.token });
  assert.equal(presence.status, 200);
  assert.ok(Array.isArray(presence.body.entries));
  const search = await api(ts, '/api/v1/search?q=message', { token: agentToken });
  assert.equal(search.status, 200);
  assert.ok(search.body.hits.length >= 1);
  assert.equal((await api(ts, '/api/v1/search?q=message', { token: v.token })).status, 403);
  const created = await api(ts, '/api/v1/canned-responses', { token: agentToken, body: { shortcut: 'hi', text: 'Hello! How can I help?' } });
  assert.equal(created.status, 201);
  const canned = await api(ts, '/api/v1/canned-responses', { token: agentToken });
  assert.ok(canned.body.items.some((i: { shortcut: string }) => i.shortcut === 'hi'));
  const staff = await api(ts, '/api/v1/staff', { token: agentToken });
  assert.ok(staff.body.staff.some((s: { id: string }) => s.id === agentId));
  assert.equal(JSON.stringify(staff.body).includes('passwordHash'), false);
  const visitor = await api(ts, `/api/v1/visitors/${v.visitorId}`, { token: agentToken });
  assert.equal(visitor.body.visitor.id, v.visitorId);
});
