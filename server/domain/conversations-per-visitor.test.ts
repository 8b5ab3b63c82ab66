import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import type { DurableEvent, HistoryResponse, VisitorConversation } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { addStaff, createTestSite, loginStaff, staffClient, startTestServer, visitorClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';

/**
 * Several conversations per visitor, against the real server (SQLite, sockets, REST): which
 * conversation a send goes to, the reopen window after a resolve (on an injected clock, so "11
 * minutes later" takes no time), the visitor's conversation list, identified visitors on two devices,
 * and the timeline entries (resolve, assignment, identify) in events, history and resume.
 */
let clock = Date.parse('2026-03-02T09:00:00Z');
const minutes = (n: number) => (clock += n * 60_000);
let ts: TestServer;
let t: TestSite;
let agentName: string;
before(async () => {
  ts = await startTestServer({ serverLimits: { maxOpenConversationsPerVisitor: 3 } }, { now: () => clock });
  t = await createTestSite(ts);
  agentName = t.staff.name;
});
after(() => ts.stop());

const ORIGIN = 'https://shop.example';
const session = async (body: Record<string, unknown> = {}) => {
  const r = await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, ...body }, origin: ORIGIN });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { visitorToken: string; visitor: { id: string } };
};
const userJwt = (sub: string, name: string) =>
  new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(t.site.key)
    .setAudience('parley')
    .setSubject(sub)
    .setExpirationTime(Math.floor(clock / 1000) + 600)
    .sign(new TextEncoder().encode(t.site.identitySecret));
let n = 0;
const cid = () => `c-${++n}`;
const list = async (token: string) => (await api(ts, '/api/v1/conversations', { token })).body.items as VisitorConversation[];
const resolve = (conversationId: string) => api(ts, `/api/v1/conversations/${conversationId}`, { method: 'PATCH', token: t.staffToken, body: { status: 'resolved' } });

test('a visitor starts a second conversation; sends go where they say; the list is newest first with last message and unread', async () => {
  const s = await session();
  const v = await visitorClient(ts, t.site, s.visitorToken);
  const a = await v.call('message.send', { clientId: cid(), text: 'my invoice is wrong' });
  minutes(1);
  const b = await v.call('message.send', { clientId: cid(), text: 'and another thing', newConversation: true });
  assert.notEqual(b.conversationId, a.conversationId);
  minutes(1);
  const intoA = await v.call('message.send', { clientId: cid(), text: 'back to the invoice', conversationId: a.conversationId });
  assert.equal(intoA.conversationId, a.conversationId);
  const refused = await v.request('message.send', { clientId: cid(), text: 'x', newConversation: true, conversationId: a.conversationId });
  assert.equal(refused.type === 'error' && refused.code, 'bad_request');

  // Staff answer in B: the list puts B first, with the agent's reply and one unread.
  minutes(1);
  const reply = (await api(ts, `/api/v1/conversations/${b.conversationId}/messages`, { token: t.staffToken, body: { clientId: cid(), text: 'on it' } })).body;
  const items = await list(s.visitorToken);
  assert.deepEqual(items.map((c) => [c.id, c.unread, c.lastMessage?.text]), [
    [b.conversationId, 1, 'on it'],
    [a.conversationId, 0, 'back to the invoice'],
  ]);
  await v.call('read', { conversationId: b.conversationId, seq: reply.seq });
  assert.equal((await list(s.visitorToken))[0].unread, 0);

  // REST says which conversation too: `new` starts one.
  const rest = await api(ts, '/api/v1/conversations/new/messages', { token: s.visitorToken, body: { clientId: cid(), text: 'third topic' } });
  assert.equal(rest.status, 200);
  assert.ok(![a.conversationId, b.conversationId].includes(rest.body.conversationId));
  // A resend of the same clientId answers the first message, and makes no fourth conversation.
  const again = await api(ts, '/api/v1/conversations/new/messages', { token: s.visitorToken, body: { clientId: `c-${n}`, text: 'third topic' } });
  assert.equal(again.body.messageId, rest.body.messageId);
  // Three open conversations is this server's limit for one visitor: a fourth is refused.
  const fourth = await v.request('message.send', { clientId: cid(), text: 'spam', newConversation: true });
  assert.equal(fourth.type === 'error' && fourth.code, 'rate_limited');
  assert.equal((await list(s.visitorToken)).length, 3);
  const staffNew = await api(ts, '/api/v1/conversations/new/messages', { token: t.staffToken, body: { clientId: cid(), text: 'x' } });
  assert.equal(staffNew.status, 400, 'staff cannot start a conversation for a visitor');
  await v.close();
});

test('after a resolve: a message within the reopen window reopens; later it starts a new conversation; the site setting changes the window', async () => {
  const s = await session();
  const v = await visitorClient(ts, t.site, s.visitorToken);
  const a = await v.call('message.send', { clientId: cid(), text: 'help' });
  const resolvedAt = clock;
  assert.equal((await resolve(a.conversationId)).status, 200);
  // The visitor sees the resolve as a timeline entry with the agent's name.
  await v.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.changes.status === 'resolved'));
  const resolved = v.events('conversation.updated').find((e) => e.changes.status === 'resolved')!;
  assert.equal(resolved.byName, agentName);
  assert.equal(resolved.conversation.resolvedAt, resolvedAt);
  assert.equal((await list(s.visitorToken))[0].resolvedAt, resolvedAt);

  minutes(9);
  const thanks = await v.call('message.send', { clientId: cid(), text: 'thanks!', conversationId: a.conversationId });
  assert.equal(thanks.conversationId, a.conversationId, 'within 10 minutes: reopened');
  const conv = await api(ts, `/api/v1/conversations/${a.conversationId}`, { token: s.visitorToken });
  assert.equal(conv.body.conversation.status, 'open');

  await resolve(a.conversationId);
  minutes(11);
  const later = await v.call('message.send', { clientId: cid(), text: 'a new question', conversationId: a.conversationId });
  assert.notEqual(later.conversationId, a.conversationId, 'past the window: a new conversation');
  assert.equal((await api(ts, `/api/v1/conversations/${a.conversationId}`, { token: s.visitorToken })).body.conversation.status, 'resolved');
  assert.deepEqual((await list(s.visitorToken)).map((c) => [c.id, c.status]), [
    [later.conversationId, 'open'],
    [a.conversationId, 'resolved'],
  ]);

  // An admin sets the site's window to 0: the next message after a resolve always starts anew.
  const patch = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { greeting: 'Hi', reopenMinutes: 0 } } });
  assert.equal(patch.status, 200, JSON.stringify(patch.body));
  await resolve(later.conversationId);
  minutes(1);
  const fresh = await v.call('message.send', { clientId: cid(), text: 'one more', conversationId: later.conversationId });
  assert.notEqual(fresh.conversationId, later.conversationId);
  const bad = await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { reopenMinutes: -1 } } });
  assert.equal(bad.status, 400);
  await api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token: t.staffToken, body: { settings: { greeting: 'Hi' } } });
  await v.close();
});

test('an identified visitor sees the same conversations on two devices, and staff get "Blue Otter became Ann" in the timeline', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const anon = await session();
  const laptop = await visitorClient(ts, t.site, anon.visitorToken);
  const first = await laptop.call('message.send', { clientId: cid(), text: 'before logging in' });
  await laptop.close();
  const sub = `cust-${n}`;
  // Logging in on the laptop merges the anonymous visitor; the phone opens with the same user.
  const onLaptop = await session({ visitorToken: anon.visitorToken, userToken: await userJwt(sub, 'Ann') });
  const onPhone = await session({ userToken: await userJwt(sub, 'Ann') });
  assert.equal(onPhone.visitor.id, onLaptop.visitor.id);
  const phone = await visitorClient(ts, t.site, onPhone.visitorToken);
  minutes(1);
  const second = await phone.call('message.send', { clientId: cid(), text: 'from my phone', newConversation: true });
  const ids = [second.conversationId, first.conversationId];
  assert.deepEqual((await list(onLaptop.visitorToken)).map((c) => c.id), ids);
  assert.deepEqual((await list(onPhone.visitorToken)).map((c) => c.id), ids);

  await staff.waitForEvents((es) => es.some((e) => e.kind === 'visitor.identified' && e.conversationId === first.conversationId));
  const identified = staff.events('visitor.identified').find((e) => e.conversationId === first.conversationId)!;
  assert.equal(identified.name, 'Ann');
  assert.match(identified.fromLabel, /\S+ \S+/);
  const staffHistory = (await api(ts, `/api/v1/conversations/${first.conversationId}/messages`, { token: t.staffToken })).body as HistoryResponse;
  assert.deepEqual(staffHistory.timeline.map((e) => e.kind), ['visitor.identified']);
  const visitorHistory = (await api(ts, `/api/v1/conversations/${first.conversationId}/messages`, { token: onPhone.visitorToken })).body as HistoryResponse;
  assert.deepEqual(visitorHistory.timeline, [], 'staff only');
  await Promise.all([staff.close(), phone.close()]);
});

test('assignment and status entries: named in events, placed in history pages, replayed on resume', async () => {
  const bob = await addStaff(ts, t.site, 'agent');
  const bobToken = await loginStaff(ts, bob.email);
  const s = await session();
  const v = await visitorClient(ts, t.site, s.visitorToken);
  const staff = await staffClient(ts, bobToken);
  const cursor = staff.helloResult.resume.cursor!;
  const sent = await v.call('message.send', { clientId: cid(), text: 'm1' });
  const id = sent.conversationId as string;
  for (let i = 2; i <= 4; i++) await v.call('message.send', { clientId: cid(), text: `m${i}`, conversationId: id });
  const assign = await api(ts, `/api/v1/conversations/${id}`, { method: 'PATCH', token: t.staffToken, body: { assigneeId: bob.id } });
  assert.equal(assign.status, 200);
  await v.call('message.send', { clientId: cid(), text: 'm5', conversationId: id });
  await resolve(id);
  await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversationId === id && e.changes.status === 'resolved'));
  const assigned = staff.events('conversation.updated').find((e) => e.conversationId === id && e.changes.assigneeId === bob.id)!;
  assert.deepEqual([assigned.byName, assigned.assigneeName], [agentName, bob.name]);

  // seqs: 1 created, 2-5 m1-m4, 6 assignment, 7 m5, 8 resolved. Pages of two messages.
  const newest = (await api(ts, `/api/v1/conversations/${id}/messages?limit=2`, { token: t.staffToken })).body as HistoryResponse;
  assert.deepEqual(newest.messages.map((m) => m.seq), [5, 7]);
  assert.deepEqual(newest.timeline.map((e) => e.seq), [6, 8]);
  const older = (await api(ts, `/api/v1/conversations/${id}/messages?limit=2&before=5`, { token: t.staffToken })).body as HistoryResponse;
  assert.deepEqual(older.messages.map((m) => m.seq), [3, 4]);
  assert.deepEqual(older.timeline, [], 'each entry once, on the page it falls in');
  const forward = (await api(ts, `/api/v1/conversations/${id}/messages?after=4&limit=1`, { token: s.visitorToken })).body as HistoryResponse;
  assert.deepEqual([forward.messages.map((m) => m.seq), forward.timeline.map((e) => e.seq)], [[5], []]);
  const rest = (await api(ts, `/api/v1/conversations/${id}/messages?after=5`, { token: s.visitorToken })).body as HistoryResponse;
  assert.deepEqual([rest.messages.map((m) => m.seq), rest.timeline.map((e) => e.seq)], [[7], [6, 8]]);

  // A staff member who missed it all resumes from their cursor and gets the entries, in order.
  await staff.close();
  const back = await staffClient(ts, bobToken, { cursor });
  await back.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.conversationId === id && e.changes.status === 'resolved'));
  const replayed = back.events().filter((e): e is DurableEvent => 'seq' in e && e.conversationId === id);
  assert.deepEqual(replayed.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
  const entry = replayed.find((e) => e.seq === 6);
  assert.ok(entry?.kind === 'conversation.updated' && entry.assigneeName === bob.name);
  // The visitor resumes too, and gets the resolve with its name.
  await v.close();
  const again = await visitorClient(ts, t.site, s.visitorToken, { conversations: { [id]: 5 } });
  await again.waitForEvents((es) => es.some((e) => e.kind === 'conversation.updated' && e.changes.status === 'resolved'));
  const last = again.events('conversation.updated').at(-1)!;
  assert.equal(last.byName, agentName);
  await Promise.all([back.close(), again.close()]);
});
