import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addStaff, createTestSite, loginStaff, newVisitor, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

/** GET /api/v1/conversations for staff: filters status, assignee, unread; cursor paging. */
let ts: TestServer;
let a: TestSite;
let agentId: string;
let agentToken: string;
const ids: string[] = [];
before(async () => {
  ts = await startTestServer();
  a = await createTestSite(ts);
  const agent = await addStaff(ts, a.site, 'agent');
  agentId = agent.id;
  agentToken = await loginStaff(ts, agent.email);
  // Five conversations, oldest first.
  for (let i = 0; i < 5; i++) {
    const v = await newVisitor(ts, a.site);
    const ack = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: a.site.id, visitorId: v.visitorId }, { clientId: `i${i}`, text: `conversation ${i}` });
    ids.push(ack.conversationId);
  }
  const admin = await ts.server.auth.verifyAccessToken(a.staffToken);
  await ts.server.domain.updateConversation(admin, ids[0], { status: 'resolved' });
  await ts.server.domain.updateConversation(admin, ids[1], { assigneeId: agentId });
  await ts.server.domain.updateConversation(admin, ids[2], { assigneeId: agentId, status: 'pending' });
  // The agent reads conversation 3.
  const agent3 = await ts.server.auth.verifyAccessToken(agentToken);
  await ts.server.domain.markRead(agent3, ids[3], 100);
});
after(() => ts.stop());

const list = async (query: string, token = agentToken) => {
  const r = await api(ts, `/api/v1/conversations?${query}`, { token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { items: { id: string; unread: number; status: string; assigneeId: string | null }[]; nextCursor: string | null };
};
const idSet = (items: { id: string }[]) => new Set(items.map((i) => i.id));

test('status filter', async () => {
  assert.deepEqual(idSet((await list('status=resolved')).items), new Set([ids[0]]));
  assert.deepEqual(idSet((await list('status=pending')).items), new Set([ids[2]]));
  assert.equal((await api(ts, '/api/v1/conversations?status=closed', { token: agentToken })).status, 400);
});

test('assignee filter: me, a staff id, unassigned; view=mine', async () => {
  assert.deepEqual(idSet((await list('assignee=me')).items), new Set([ids[1], ids[2]]));
  assert.deepEqual(idSet((await list(`assignee=${agentId}`, a.staffToken)).items), new Set([ids[1], ids[2]]));
  assert.deepEqual(idSet((await list('view=mine')).items), new Set([ids[1], ids[2]]));
  assert.deepEqual(idSet((await list('assignee=unassigned')).items), new Set([ids[0], ids[3], ids[4]]));
});

test('unread filter is per agent', async () => {
  const unread = await list('unread=true');
  assert.equal(unread.items.some((i) => i.id === ids[3]), false, 'the agent read conversation 3');
  assert.ok(unread.items.every((i) => i.unread > 0));
  assert.ok(idSet((await list('unread=true', a.staffToken)).items).has(ids[3]), 'the admin did not');
});

test('cursor paging walks every conversation once, newest first', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(`view=all&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.ok(page.items.length <= 2);
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  assert.equal(cursor, null);
  assert.equal(new Set(seen).size, seen.length, 'no conversation twice');
  assert.deepEqual(new Set(seen), new Set(ids));
});

test('visitors get only their own conversations; staff of another site see none of these', async () => {
  const v = await newVisitor(ts, a.site);
  const mine = await api(ts, '/api/v1/conversations', { token: v.token });
  assert.deepEqual(mine.body.items, []);
  const other = await createTestSite(ts);
  assert.deepEqual((await list('view=all', other.staffToken)).items, []);
});
