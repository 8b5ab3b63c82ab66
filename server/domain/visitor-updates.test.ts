import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import type { ServerEvent } from '../../protocol/index.ts';
import { api } from '../http/test-client.ts';
import { createTestSite, staffClient, startTestServer, visitorClient, type TestSite, type TestServer } from '../realtime/test-helpers.ts';

/**
 * visitor.updated (context and identity changes reach staff live), the pre-chat email on the visitor
 * (unverified, never over a verified one), and display names on typing events. Real server, real
 * SQLite, real sockets.
 */
let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer();
  t = await createTestSite(ts);
});
after(() => ts.stop());

const ORIGIN = 'https://shop.example';
type VisitorUpdated = Extract<ServerEvent, { kind: 'visitor.updated' }>;

const openSession = (body: Record<string, unknown>) => api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, ...body }, origin: ORIGIN });
const userJwt = (sub: string, claims: Record<string, string> = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(t.site.key)
    .setAudience('parley')
    .setSubject(sub)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(t.site.identitySecret));

/** An anonymous visitor who has written once (so staff know them), connected. */
async function chattingVisitor() {
  const s = await openSession({ context: { url: 'https://shop.example/' } });
  const v = await visitorClient(ts, t.site, s.body.visitorToken);
  const sent = await v.call('message.send', { clientId: `c-${Math.random()}`, text: 'hello' });
  return { v, token: s.body.visitorToken as string, visitorId: s.body.visitor.id as string, conversationId: sent.conversationId as string };
}

const updatesFor = (events: ServerEvent[], visitorId: string) =>
  events.filter((e): e is VisitorUpdated => e.kind === 'visitor.updated' && e.visitor.id === visitorId);

test('a page change (context.update) reaches the site staff as visitor.updated', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const { v, visitorId, conversationId } = await chattingVisitor();
  await v.call('context.update', { context: { url: 'https://shop.example/cart', title: 'Cart' } });
  await staff.waitForEvents((es) => updatesFor(es, visitorId).some((e) => e.visitor.context.url === 'https://shop.example/cart'));
  const e = updatesFor(staff.events(), visitorId).at(-1)!;
  assert.equal(e.visitor.context.title, 'Cart');
  assert.deepEqual(e.conversationIds, [conversationId]);
  await Promise.all([v.close(), staff.close()]);
});

test('a visitor without conversations publishes nothing: staff do not know them yet', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const s = await openSession({});
  const v = await visitorClient(ts, t.site, s.body.visitorToken);
  await v.call('context.update', { context: { url: 'https://shop.example/quiet' } });
  // A later update of a chatting visitor arrives; the quiet one must not have come before it.
  const other = await chattingVisitor();
  await other.v.call('context.update', { context: { url: 'https://shop.example/after' } });
  await staff.waitForEvents((es) => updatesFor(es, other.visitorId).some((e) => e.visitor.context.url === 'https://shop.example/after'));
  assert.equal(updatesFor(staff.events(), s.body.visitor.id).length, 0);
  await Promise.all([v.close(), other.v.close(), staff.close()]);
});

test('the pre-chat email is stored on the visitor as unverified and staff see it', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const { v, visitorId } = await chattingVisitor();
  await v.call('context.update', { context: { url: 'https://shop.example/', email: 'ada@example.com' } });
  await staff.waitForEvents((es) => updatesFor(es, visitorId).some((e) => e.visitor.email === 'ada@example.com'));
  const e = updatesFor(staff.events(), visitorId).at(-1)!;
  assert.equal(e.visitor.emailVerified, false);
  assert.equal(e.visitor.context.url, 'https://shop.example/');
  assert.equal('email' in e.visitor.context, false, 'the email is on the visitor, not in its page context');
  const details = await api(ts, `/api/v1/visitors/${visitorId}`, { token: t.staffToken });
  assert.equal(details.body.visitor.email, 'ada@example.com');
  assert.equal(details.body.visitor.emailVerified, false);
  // A later page change without email keeps it.
  await v.call('context.update', { context: { url: 'https://shop.example/next' } });
  assert.equal((await api(ts, `/api/v1/visitors/${visitorId}`, { token: t.staffToken })).body.visitor.email, 'ada@example.com');
  await Promise.all([v.close(), staff.close()]);
});

test('an invalid pre-chat email is refused with a clear error and changes nothing', async () => {
  const { v, visitorId } = await chattingVisitor();
  for (const email of ['nope', 'a@b', 'two words@example.com', 7]) {
    const r = await v.request('context.update', { context: { email } });
    assert.equal(r.type, 'error');
    assert.equal(r.type === 'error' && r.code, 'bad_request');
    assert.match(r.type === 'error' ? r.message : '', /email/);
  }
  assert.equal((await api(ts, `/api/v1/visitors/${visitorId}`, { token: t.staffToken })).body.visitor.email, undefined);
  await v.close();
});

test('a typed email never replaces one verified by the identity JWT', async () => {
  const s = await openSession({ userToken: await userJwt('cust-verified', { name: 'Grace', email: 'grace@example.com' }) });
  const v = await visitorClient(ts, t.site, s.body.visitorToken);
  await v.call('context.update', { context: { email: 'someone-else@example.com' } });
  const details = await api(ts, `/api/v1/visitors/${s.body.visitor.id}`, { token: t.staffToken });
  assert.equal(details.body.visitor.email, 'grace@example.com');
  assert.equal(details.body.visitor.emailVerified, true);
  await v.close();
});

test('identify publishes visitor.updated: the identified visitor, with the anonymous conversation carried over', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const { v, token, conversationId } = await chattingVisitor();
  const s = await openSession({ visitorToken: token, userToken: await userJwt('cust-merge', { name: 'Ben Ortiz' }) });
  assert.equal(s.status, 200);
  const id = s.body.visitor.id as string;
  await staff.waitForEvents((es) => updatesFor(es, id).some((e) => e.visitor.identified));
  const e = updatesFor(staff.events(), id).at(-1)!;
  assert.equal(e.visitor.name, 'Ben Ortiz');
  assert.ok(e.conversationIds.includes(conversationId), 'rows of the anonymous visitor can be matched by conversation');
  await Promise.all([v.close(), staff.close()]);
});

test('visitor.updated stays within the site', async () => {
  const other = await createTestSite(ts);
  const otherStaff = await staffClient(ts, other.staffToken);
  const mine = await staffClient(ts, t.staffToken);
  const { v, visitorId } = await chattingVisitor();
  await v.call('context.update', { context: { url: 'https://shop.example/private' } });
  await mine.waitForEvents((es) => updatesFor(es, visitorId).some((e) => e.visitor.context.url === 'https://shop.example/private'));
  // The local bus delivers while publishing, so a misrouted copy would have arrived before `mine` got its own.
  assert.equal(otherStaff.events('visitor.updated').length, 0);
  await Promise.all([v.close(), mine.close(), otherStaff.close()]);
});

test('typing events carry the display name: staff name to the visitor, visitor label to staff', async () => {
  const staff = await staffClient(ts, t.staffToken);
  const { v, visitorId, conversationId } = await chattingVisitor();
  const label = (await api(ts, `/api/v1/visitors/${visitorId}`, { token: t.staffToken })).body.visitor.label as string;
  await v.call('typing', { conversationId, typing: true });
  await staff.waitForEvents((es) => es.some((e) => e.kind === 'typing' && e.actor.id === visitorId && e.typing));
  assert.equal(staff.events('typing').find((e) => e.actor.id === visitorId)!.name, label);
  await staff.call('typing', { conversationId, typing: true });
  await v.waitForEvents((es) => es.some((e) => e.kind === 'typing' && e.actor.kind === 'staff' && e.typing));
  assert.equal(v.events('typing').find((e) => e.actor.kind === 'staff')!.name, t.staff.name);
  await Promise.all([v.close(), staff.close()]);
});
