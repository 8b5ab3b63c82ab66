import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, staffClient, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { connect } from '../realtime/test-helpers.ts';

/** API tokens against the real server: made once by an admin, scoped, rate limited, revocable. */
let ts: TestServer;
let t: TestSite;
let other: TestSite;
const BURST = 30;
before(async () => {
  ts = await startTestServer({ serverLimits: { apiTokenRateBurst: BURST, apiTokenRatePerSec: 0.001 } });
  t = await createTestSite(ts);
  other = await createTestSite(ts);
});
after(() => ts.stop());

async function makeToken(scopes: string[], name = `Token ${scopes.join('+')}`, site = t) {
  const r = await api(ts, '/api/v1/admin/api-tokens', { token: site.staffToken, body: { name, scopes } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { secret: string; token: { id: string; name: string; scopes: string[]; hint: string } };
}
async function visitorConversation(site = t) {
  const v = await newVisitor(ts, site.site);
  const sent = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: site.site.id, visitorId: v.visitorId }, { clientId: 'q', text: 'Where is my order?' });
  return sent.conversationId;
}

test('an admin makes a named token and sees its secret once; only its hash is stored; agents cannot make one', async () => {
  const made = await makeToken(['read', 'write'], 'CRM sync');
  assert.match(made.secret, /^prl_[\w-]{43}$/);
  assert.equal(made.token.hint, made.secret.slice(-4));
  const list = await api(ts, '/api/v1/admin/api-tokens', { token: t.staffToken });
  const listed = list.body.tokens.find((x: { id: string }) => x.id === made.token.id);
  assert.deepEqual({ name: listed.name, scopes: listed.scopes, revokedAt: listed.revokedAt }, { name: 'CRM sync', scopes: ['read', 'write'], revokedAt: null });
  assert.ok(!JSON.stringify(list.body).includes(made.secret.slice(4)), 'the list never shows the secret');
  const stored = await ts.server.store.findApiToken(createHash('sha256').update(made.secret).digest('hex'));
  assert.equal(stored?.id, made.token.id, 'found by the hash of the secret');
  assert.ok(!JSON.stringify(stored).includes(made.secret.slice(4)), 'the store holds no secret');

  const agent = await addStaff(ts, t.site, 'agent');
  const refused = await api(ts, '/api/v1/admin/api-tokens', { token: await loginStaff(ts, agent.email), body: { name: 'x', scopes: ['read'] } });
  assert.equal(refused.status, 403);
  const bad = await api(ts, '/api/v1/admin/api-tokens', { token: t.staffToken, body: { name: 'x', scopes: ['root'] } });
  assert.equal(bad.body.message, 'scopes[0] must be one of read, write, admin, privacy.');
});

test('scopes are enforced: read reads, write writes, admin administers; each refusal names the missing scope', async () => {
  const conversationId = await visitorConversation();
  const read = await makeToken(['read']);
  const write = await makeToken(['write']);
  const admin = await makeToken(['admin']);
  assert.equal((await api(ts, '/api/v1/conversations?view=all', { token: read.secret })).status, 200);
  assert.equal((await api(ts, `/api/v1/conversations/${conversationId}/messages`, { token: read.secret })).body.messages.length, 1);
  const noWrite = await api(ts, `/api/v1/conversations/${conversationId}/messages`, { token: read.secret, body: { clientId: 'r1', text: 'hi' } });
  assert.deepEqual([noWrite.status, noWrite.body.message], [403, 'This API token lacks the "write" scope (it has: read).']);
  assert.equal((await api(ts, '/api/v1/conversations?view=all', { token: write.secret })).status, 403, 'write does not read');
  assert.equal((await api(ts, '/api/v1/admin/api-tokens', { token: read.secret })).body.message, 'This API token lacks the "admin" scope (it has: read).');
  assert.equal((await api(ts, '/api/v1/admin/staff', { token: write.secret })).status, 403);
  assert.equal((await api(ts, '/api/v1/admin/staff', { token: admin.secret })).status, 200, 'admin administers');
  // A token is not a staff session: it cannot log out, read "me", or open the realtime socket.
  assert.equal((await api(ts, '/api/v1/staff/logout', { method: 'POST', token: write.secret })).status, 403);
  const ws = await connect(ts);
  ws.sendRaw({ type: 'hello', id: 'h', v: 1, token: read.secret });
  assert.equal((await ws.closed).code, 4001, 'the socket refuses API tokens');
});

test('a write token sends as a bot named like the token, or as a named agent; updates status and assignee', async () => {
  const conversationId = await visitorConversation();
  const token = await makeToken(['read', 'write'], 'Order bot');
  const asBot = await api(ts, `/api/v1/conversations/${conversationId}/messages`, { token: token.secret, body: { clientId: 'b1', text: 'Your order shipped today.' } });
  assert.equal(asBot.status, 200, JSON.stringify(asBot.body));
  assert.deepEqual(asBot.body.message.author, { kind: 'staff', id: token.token.id });
  assert.equal(asBot.body.message.authorName, 'Order bot');

  const agent = await addStaff(ts, t.site, 'agent');
  const asAgent = await api(ts, `/api/v1/conversations/${conversationId}/messages`, { token: token.secret, headers: { 'parley-agent': agent.id }, body: { clientId: 'a1', text: 'I am looking into it.' } });
  assert.deepEqual(asAgent.body.message.author, { kind: 'staff', id: agent.id });
  assert.equal(asAgent.body.message.authorName, agent.name);
  const foreign = await api(ts, `/api/v1/conversations/${conversationId}/messages`, { token: token.secret, headers: { 'parley-agent': other.staff.id }, body: { clientId: 'a2', text: 'x' } });
  assert.deepEqual([foreign.status, foreign.body.message], [400, "Parley-Agent must be the id of a staff member of this token's site."]);

  const patched = await api(ts, `/api/v1/conversations/${conversationId}`, { method: 'PATCH', token: token.secret, body: { status: 'pending', assigneeId: agent.id } });
  assert.equal(patched.status, 200);
  const now = await api(ts, `/api/v1/conversations/${conversationId}`, { token: token.secret });
  assert.deepEqual([now.body.conversation.status, now.body.conversation.assigneeId], ['pending', agent.id]);
  const otherSite = await visitorConversation(other);
  assert.equal((await api(ts, `/api/v1/conversations/${otherSite}`, { token: token.secret })).status, 404, 'another site is invisible');
});

test('a write token labels a conversation and sets its priority; a read token sees the labels and may not change them', async () => {
  const conversationId = await visitorConversation();
  const writer = await makeToken(['read', 'write'], 'Triage bot');
  const reader = await makeToken(['read'], 'Report reader');
  const staff = await staffClient(ts, t.staffToken);
  try {
    const labelled = await api(ts, `/api/v1/conversations/${conversationId}`, { method: 'PATCH', token: writer.secret, body: { labels: ['vip', 'refund'], priority: 'high' } });
    assert.equal(labelled.status, 200, JSON.stringify(labelled.body));
    // Agents see it live, named after the token (the bot it acts as).
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.triaged' && e.conversationId === conversationId));
    const triaged = staff.events('conversation.triaged').find((e) => e.conversationId === conversationId) as { byName?: string; labels: string[] };
    assert.equal(triaged.byName, 'Triage bot');
    assert.deepEqual([...triaged.labels].sort(), ['refund', 'vip']);
    const read = await api(ts, `/api/v1/conversations/${conversationId}`, { token: reader.secret });
    assert.equal(read.status, 200);
    assert.deepEqual([...read.body.conversation.labels].sort(), ['refund', 'vip']);
    assert.equal(read.body.conversation.priority, 'high');
    const listed = await api(ts, '/api/v1/conversations?view=all&label=refund', { token: reader.secret });
    assert.deepEqual(listed.body.items.map((i: { id: string }) => i.id), [conversationId], 'the label filter finds it');
    const refused = await api(ts, `/api/v1/conversations/${conversationId}`, { method: 'PATCH', token: reader.secret, body: { labels: [] } });
    assert.deepEqual([refused.status, refused.body.message], [403, 'This API token lacks the "write" scope (it has: read).']);
    const cleared = await api(ts, `/api/v1/conversations/${conversationId}`, { method: 'PATCH', token: writer.secret, body: { labels: [] } });
    assert.equal(cleared.status, 200);
    assert.deepEqual((await api(ts, `/api/v1/conversations/${conversationId}`, { token: reader.secret })).body.conversation.labels ?? [], []);
  } finally {
    await staff.close();
  }
});

test('a token makes the visitor of a user id, which the widget resumes when that user signs in', async () => {
  const token = await makeToken(['write']);
  const made = await api(ts, '/api/v1/visitors', { token: token.secret, body: { externalId: 'user-4711', name: 'Ada Lovelace', email: 'Ada@Example.com' } });
  assert.equal(made.status, 201);
  assert.deepEqual([made.body.created, made.body.visitor.identified, made.body.visitor.email, made.body.visitor.emailVerified], [true, true, 'ada@example.com', true]);
  const again = await api(ts, '/api/v1/visitors', { token: token.secret, body: { externalId: 'user-4711', name: 'Ada King' } });
  assert.deepEqual([again.status, again.body.created, again.body.visitor.id, again.body.visitor.name], [200, false, made.body.visitor.id, 'Ada King']);
  const userToken = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(t.site.key).setAudience('parley').setSubject('user-4711').setExpirationTime('10m').sign(new TextEncoder().encode(t.site.identitySecret));
  const session = await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, userToken } });
  assert.equal(session.body.visitor.id, made.body.visitor.id, 'the same visitor');
});

test('a revoked token is refused at once; a browser page may not use a token', async () => {
  const token = await makeToken(['read']);
  assert.equal((await api(ts, '/api/v1/conversations', { token: token.secret })).status, 200);
  assert.equal((await api(ts, `/api/v1/admin/api-tokens/${token.token.id}`, { method: 'DELETE', token: other.staffToken })).status, 404, 'another site cannot revoke it');
  assert.equal((await api(ts, `/api/v1/admin/api-tokens/${token.token.id}`, { method: 'DELETE', token: t.staffToken })).status, 200);
  const after = await api(ts, '/api/v1/conversations', { token: token.secret });
  assert.deepEqual([after.status, after.body.code, after.body.message], [401, 'unauthorized', 'This API token was revoked.']);
  const live = await makeToken(['read']);
  assert.equal((await api(ts, '/api/v1/conversations', { token: live.secret, origin: 'https://evil.example' })).body.code, 'origin_not_allowed');
});

test('each token has its own rate limit: over it, 429 with Retry-After; another token is unaffected', async () => {
  const busy = await makeToken(['read']);
  const calm = await makeToken(['read']);
  const codes: number[] = [];
  for (let i = 0; i < BURST + 1; i++) codes.push((await api(ts, '/api/v1/conversations', { token: busy.secret })).status);
  assert.deepEqual(codes.slice(0, BURST), Array(BURST).fill(200));
  const over = await api(ts, '/api/v1/conversations', { token: busy.secret });
  assert.equal(over.status, 429);
  assert.equal(over.body.code, 'rate_limited');
  assert.ok(Number(over.headers.get('retry-after')) >= 1);
  assert.equal((await api(ts, '/api/v1/conversations', { token: calm.secret })).status, 200);
});
