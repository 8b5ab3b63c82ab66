import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { createRealtimeClient } from '../../client/realtime-client.ts';
import { memoryStorage } from '../../client/storage.ts';
import type { SocketLike } from '../../client/api.ts';
import { addStaff, connect, createTestSite, loginStaff, newVisitor, startTestServer, type TestServer, type TestSite } from '../../server/realtime/test-helpers.ts';
import { createApi } from '../api.ts';
import { seenMarkSeq } from '../state/conversation.ts';
import { createWorkspace, type Alert, type Workspace } from './workspace.ts';

/*
 * The workspace against a real server: real SQLite in a temp dir, real ws sockets, the real
 * client core. Two agents and a visitor, as the inbox is used.
 */
let ts: TestServer;
let site: TestSite;
const open: Workspace[] = [];

before(async () => {
  ts = await startTestServer();
  site = await createTestSite(ts);
});
after(async () => {
  for (const w of open) w.dispose();
  await ts.stop();
});

async function agent(token: string, staffId: string): Promise<{ ws: Workspace; alerts: Alert[] }> {
  const staff = (await ts.server.store.getStaff(staffId))!;
  const api = createApi({ fetch, base: ts.server.url, token: () => token });
  const client = createRealtimeClient({
    url: ts.server.url.replace(/^http/, 'ws') + '/ws',
    token: () => token,
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    random: Math.random,
    storage: memoryStorage(),
    storageKey: `t.${staffId}`,
  });
  const alerts: Alert[] = [];
  const ws = createWorkspace({
    api,
    client,
    session: { csrfToken: '', staff: { id: staff.id, siteId: staff.siteId, email: staff.email, name: staff.name, role: staff.role, availability: 'online' }, site: site.site },
    isVisible: () => true,
    now: Date.now,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    onAlert: (a) => alerts.push(a),
  });
  open.push(ws);
  await ws.start();
  await until(() => ws.stores.connection.get() === 'connected' && ws.stores.inbox.get().loaded);
  return { ws, alerts };
}

/** Polls a condition on live state (events arrive over real sockets). */
async function until(cond: () => boolean, what = 'condition', ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('two agents and a visitor: live inbox, per-agent unread, replies, typing, assignment', async () => {
  const a = await agent(site.staffToken, site.staff.id);
  const bStaff = await addStaff(ts, site.site);
  const b = await agent(await loginStaff(ts, bStaff.email), bStaff.id);

  const v = await newVisitor(ts, site.site);
  const vs = await connect(ts, { site: site.site.key, origin: 'https://shop.example' });
  await vs.hello(v.token);
  const sent = await vs.call('message.send', { clientId: 'v1', text: 'My parcel never arrived' });
  const id: string = sent.conversationId;

  // A new conversation appears at the top of both inboxes, unread for both, with an alert.
  for (const x of [a, b]) {
    await until(() => x.ws.stores.inbox.get().order[0] === id, 'row on top');
    await until(() => (x.ws.stores.unread.get().counts[id] ?? 0) === 1, 'unread 1');
  }
  assert.equal(a.ws.stores.inbox.get().byId[id].lastMessage?.text, 'My parcel never arrived');
  assert.match(a.alerts.at(-1)?.title ?? '', /New conversation/);

  // Opening it reads it for A only.
  a.ws.select(id);
  await until(() => a.ws.stores.conversation.get()?.messages.length === 1, 'history');
  await until(() => (a.ws.stores.unread.get().counts[id] ?? 0) === 0, 'A read');

  // Visitor typing shows in A's open conversation; their next message clears it and appends.
  await vs.call('typing', { conversationId: id, typing: true });
  await until(() => a.ws.stores.conversation.get()?.visitorTyping === true, 'typing');
  await vs.call('message.send', { clientId: 'v2', text: 'Order 1042', conversationId: id });
  await until(() => a.ws.stores.conversation.get()?.messages.length === 2, 'second message');
  assert.equal(a.ws.stores.conversation.get()?.visitorTyping, false);
  // A's read left B's count alone: B counts both messages (1 here would mean A's read cleared B's).
  await until(() => b.ws.stores.unread.get().counts[id] === 2, "B's count counts both messages");
  await until(() => (a.ws.stores.unread.get().counts[id] ?? 0) === 0, 'A, looking at it, has nothing unread');

  // A replies and writes a note; B's inbox preview follows; the visitor never gets the note.
  a.ws.send({ text: 'Checking with the carrier now.', note: false, attachmentIds: [] });
  a.ws.send({ text: 'Carrier ticket #88', note: true, attachmentIds: [] });
  await until(() => a.ws.stores.conversation.get()?.messages.length === 4, 'replies');
  await until(() => a.ws.stores.outbox.get().length === 0, 'outbox drained');
  await vs.waitForEvents((es) => es.some((e) => e.kind === 'message.created' && e.message.text.startsWith('Checking')));
  assert.ok(!vs.events('message.created').some((e) => e.message.note), 'no note reaches the visitor');

  // Assigning to B moves it into B's "mine" view live; resolving takes it out of "open".
  b.ws.setFilter({ view: 'mine', status: 'open' });
  await until(() => b.ws.stores.inbox.get().loaded, 'B mine loaded');
  assert.equal(b.ws.stores.inbox.get().byId[id], undefined);
  await a.ws.update({ assigneeId: bStaff.id });
  await until(() => b.ws.stores.inbox.get().byId[id] !== undefined, 'row enters mine');
  await a.ws.update({ status: 'resolved' });
  await until(() => b.ws.stores.inbox.get().byId[id] === undefined, 'row leaves open view');
  // A's own socket carries the change too, maybe after B's: wait for it rather than race it.
  await until(() => a.ws.stores.conversation.get()?.conversation?.status === 'resolved', "resolved in A's view");

  // The visitor's read moves the Seen cursor in A's view.
  const reply = a.ws.stores.conversation.get()!.messages.find((m) => m.text.startsWith('Checking'))!;
  assert.equal(seenMarkSeq(a.ws.stores.conversation.get()!.messages, a.ws.stores.conversation.get()!.visitorReadSeq), null);
  await vs.call('read', { conversationId: id, seq: a.ws.stores.conversation.get()!.conversation!.lastSeq });
  await until(() => {
    const c = a.ws.stores.conversation.get()!;
    return seenMarkSeq(c.messages, c.visitorReadSeq) === reply.seq;
  }, 'Seen on the reply');
  await vs.close();
});

test('the visitor panel and inbox row follow the visitor live: page, pre-chat email (unverified), identify', async () => {
  const a = await agent(site.staffToken, site.staff.id);
  const session = await ts.server.auth.openVisitorSession({ siteKey: site.site.key }, null);
  const vs = await connect(ts, { site: site.site.key, origin: 'https://shop.example' });
  await vs.hello(session.visitorToken);
  const { conversationId: id } = await vs.call('message.send', { clientId: 'live-1', text: 'Is this in stock?' });
  await until(() => a.ws.stores.inbox.get().byId[id] !== undefined, 'row');
  a.ws.select(id);
  await until(() => a.ws.stores.conversation.get()?.visitor?.id === session.visitor.id, 'opened');

  await vs.call('context.update', { context: { url: 'https://shop.example/cart', title: 'Cart' } });
  await until(() => a.ws.stores.conversation.get()?.visitor?.context.url === 'https://shop.example/cart', 'page change in the panel');

  await vs.call('context.update', { context: { url: 'https://shop.example/cart', email: 'kim@example.com' } });
  await until(() => a.ws.stores.inbox.get().byId[id].visitor.email === 'kim@example.com', 'email on the row');
  assert.equal(a.ws.stores.conversation.get()?.visitor?.emailVerified, false, 'shown as unverified');

  // Identify (the site's backend signed a JWT): the row turns "Identified" with the verified name.
  const { SignJWT } = await import('jose');
  const jwt = await new SignJWT({ name: 'Kim Lee', email: 'kim.lee@example.com' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(site.site.key)
    .setAudience('parley')
    .setSubject('kim-1')
    .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(site.site.identitySecret));
  const res = await fetch(`${ts.server.url}/api/v1/visitor/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
    body: JSON.stringify({ siteKey: site.site.key, visitorToken: session.visitorToken, userToken: jwt }),
  });
  assert.equal(res.status, 200);
  await until(() => a.ws.stores.inbox.get().byId[id].visitor.identified, 'identified badge');
  assert.equal(a.ws.stores.inbox.get().byId[id].visitor.name, 'Kim Lee');
  await until(() => a.ws.stores.conversation.get()?.visitor?.emailVerified === true, 'verified email in the panel');
  await vs.close();
});

test("a colleague's typing shows with their name; my own typing in another tab does not", async () => {
  const a = await agent(site.staffToken, site.staff.id);
  const aOtherTab = await agent(site.staffToken, site.staff.id);
  const ben = await addStaff(ts, site.site);
  const b = await agent(await loginStaff(ts, ben.email), ben.id);
  const v = await newVisitor(ts, site.site);
  const vs = await connect(ts, { site: site.site.key, origin: 'https://shop.example' });
  await vs.hello(v.token);
  const { conversationId: id } = await vs.call('message.send', { clientId: 'typing-1', text: 'Hello?' });
  for (const x of [a, b]) {
    await until(() => x.ws.stores.inbox.get().byId[id] !== undefined, 'row');
    x.ws.select(id);
    await until(() => x.ws.stores.conversation.get()?.conversation !== null, 'opened');
  }
  aOtherTab.ws.select(id);
  b.ws.sendTyping(true);
  await until(() => a.ws.stores.conversation.get()?.staffTyping[ben.id] === ben.name, "Ben's name in A's view");
  assert.equal(a.ws.stores.conversation.get()?.visitorTyping, false, 'separate from the visitor indicator');
  aOtherTab.ws.sendTyping(true);
  b.ws.sendTyping(false);
  await until(() => a.ws.stores.conversation.get()?.staffTyping[ben.id] === undefined, 'Ben stopped');
  await until(() => b.ws.stores.conversation.get()?.staffTyping[site.staff.id] !== undefined, 'B sees A typing');
  assert.deepEqual(a.ws.stores.conversation.get()?.staffTyping, {}, "A's own typing is not shown to A");
  await vs.close();
});

test('search shows marked snippets; a hit opens its conversation at that message, loading older pages', async () => {
  const a = await agent(site.staffToken, site.staff.id);
  const v = await newVisitor(ts, site.site);
  const p = { kind: 'visitor' as const, siteId: site.site.id, visitorId: v.visitorId };
  const first = await ts.server.domain.sendMessage(p, { clientId: 'long-0', text: 'The zeppelin-shaped lamp arrived broken' });
  // Enough later messages that the hit is several pages back (newest page 50, then pages of 200).
  for (let i = 1; i <= 300; i++) await ts.server.domain.sendMessage(p, { conversationId: first.conversationId, clientId: `long-${i}`, text: `filler ${i}` });

  a.ws.setFilter({ q: 'zeppelin' });
  await until(() => !a.ws.stores.search.get().loading && a.ws.stores.search.get().hits.length > 0, 'hits');
  const hit = a.ws.stores.search.get().hits[0];
  assert.equal(hit.conversationId, first.conversationId);
  assert.match(hit.snippet, /\u00abzeppelin/i);

  await a.ws.openAt(hit.conversationId, hit.message.seq);
  const c = a.ws.stores.conversation.get()!;
  assert.equal(c.focusSeq, first.seq);
  assert.ok(c.messages.some((m) => m.seq === first.seq), 'the hit is loaded');
  assert.equal(c.messages.at(-1)?.text, 'filler 300', 'and the newest page is still there, without a gap');
  assert.equal(new Set(c.messages.map((m) => m.seq)).size, c.messages.length);
  assert.equal(a.ws.stores.selected.get(), first.conversationId);

  a.ws.setFilter({ q: '' });
  await until(() => a.ws.stores.search.get().q === '' && a.ws.stores.search.get().hits.length === 0, 'cleared');
});

test('canned responses: created from the workspace for the whole site, and deleted', async () => {
  const a = await agent(site.staffToken, site.staff.id);
  await a.ws.createCanned('thanks', 'Thanks for your patience!');
  assert.ok(a.ws.stores.canned.get().some((c) => c.shortcut === 'thanks'));
  const listed = await a.ws.api.canned();
  const item = listed.items.find((c) => c.shortcut === 'thanks')!;
  assert.equal(item.text, 'Thanks for your patience!');
  await assert.rejects(a.ws.createCanned('thanks', 'again'), (err: Error & { code?: string }) => err.code === 'conflict');
  await a.ws.deleteCanned(item.id);
  assert.ok(!a.ws.stores.canned.get().some((c) => c.id === item.id));
  assert.ok(!(await a.ws.api.canned()).items.some((c) => c.id === item.id));
});

test("visitors' erasure requests reach every open dashboard of the site live, and a decision by another admin too", async () => {
  const a = await agent(site.staffToken, site.staff.id);
  const other = await addStaff(ts, site.site, 'admin');
  const b = await agent(await loginStaff(ts, other.email), other.id);
  const before = a.ws.stores.erasureRequests.get().version;
  const v = await newVisitor(ts, site.site);
  const res = await fetch(`${ts.server.url}/api/v1/visitor/erasure-request`, { method: 'POST', headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' }, body: '{}' });
  const { request } = (await res.json()) as { request: { id: string } };
  await until(() => a.ws.stores.erasureRequests.get().pending === 1 && b.ws.stores.erasureRequests.get().pending === 1, 'both admins told of the request');
  assert.ok(a.ws.stores.erasureRequests.get().version > before, 'the list is read again');
  assert.deepEqual((await a.ws.api.erasureRequests()).requests.map((r) => r.id), [request.id]);
  await b.ws.api.declineErasureRequest(request.id);
  await until(() => a.ws.stores.erasureRequests.get().pending === 0, "the other admin's decision");
  assert.deepEqual((await a.ws.api.erasureRequests()).requests, []);
});
