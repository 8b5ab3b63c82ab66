import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { addStaff, createTestSite, loginStaff, staffClient, visitorClient, withTestServer, type TestServer } from '../realtime/test-helpers.ts';
import { api } from '../http/test-client.ts';

/** Visitors' erasure requests (issue 20: "a visitor can ask for erasure from the widget, a request the admin confirms"), on the real server. */
const ORIGIN = 'https://shop.example';
const ask = (ts: TestServer, token: string, body: unknown = {}) => api(ts, '/api/v1/visitor/erasure-request', { token, body, origin: ORIGIN });
const mine = (ts: TestServer, token: string) => api(ts, '/api/v1/visitor/erasure-request', { token, origin: ORIGIN });
const session = async (ts: TestServer, siteKey: string) => {
  const r = await api(ts, '/api/v1/visitor/session', { body: { siteKey }, origin: ORIGIN });
  assert.equal(r.status, 200);
  return { token: r.body.visitorToken as string, visitorId: r.body.visitor.id as string, label: r.body.visitor.label as string };
};

test('a visitor asks for their own erasure only; open dashboards are told; an admin confirms and everything of them goes', async () => {
  await withTestServer({}, async (ts, t) => {
    const marker = `zq${Math.random().toString(36).slice(2, 10)}zq`;
    const a = await session(ts, t.site.key);
    const b = await session(ts, t.site.key);
    const va = await visitorClient(ts, t.site, a.token);
    const sent = await va.call('message.send', { clientId: 'e1', text: `Forget my address ${marker}` });
    await va.close();
    const staff = await staffClient(ts, t.staffToken);

    // Nobody else can be named: the body takes no fields, and the token decides who.
    const other = await ask(ts, a.token, { visitorId: b.visitorId });
    assert.equal(other.status, 400);
    assert.equal(other.body.code, 'bad_request');
    assert.equal((await mine(ts, a.token)).body.request, null, 'nothing was filed');
    assert.equal((await api(ts, '/api/v1/visitor/erasure-request', { body: {}, origin: ORIGIN })).status, 401, 'a token is needed');
    assert.equal((await api(ts, '/api/v1/visitor/erasure-request', { token: t.staffToken, body: {} })).status, 403, 'staff do not ask for themselves here');

    const first = await ask(ts, a.token);
    assert.equal(first.status, 200);
    assert.equal(first.body.request.status, 'pending');
    assert.equal(first.body.request.decidedAt, null);
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'erasure.requests' && e.pending === 1));
    const again = await ask(ts, a.token);
    assert.equal(again.body.request.id, first.body.request.id, 'asking again answers the pending request');
    assert.deepEqual((await mine(ts, a.token)).body.request, first.body.request);
    assert.equal((await mine(ts, b.token)).body.request, null, "b sees nothing of a's request");
    const fromB = await ask(ts, b.token);
    assert.notEqual(fromB.body.request.id, first.body.request.id);
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'erasure.requests' && e.pending === 2));

    // Admins of the site only: not its agents, not a visitor, not another site's admin.
    const agent = await loginStaff(ts, (await addStaff(ts, t.site, 'agent')).email);
    assert.equal((await api(ts, '/api/v1/privacy/erasure-requests', { token: agent })).status, 403);
    assert.equal((await api(ts, '/api/v1/privacy/erasure-requests', { token: a.token, origin: ORIGIN })).status, 403);
    const elsewhere = await createTestSite(ts);
    assert.deepEqual((await api(ts, '/api/v1/privacy/erasure-requests', { token: elsewhere.staffToken })).body.requests, []);
    assert.equal((await api(ts, `/api/v1/privacy/erasure-requests/${first.body.request.id}/confirm`, { token: elsewhere.staffToken, body: {} })).status, 404);
    assert.equal((await api(ts, `/api/v1/privacy/erasure-requests/${first.body.request.id}/decline`, { token: agent, body: {} })).status, 403);

    const list = await api(ts, '/api/v1/privacy/erasure-requests', { token: t.staffToken });
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.requests.map((r: { id: string; visitorId: string; conversations: number; visitor: { label: string } }) => [r.id, r.visitorId, r.visitor.label, r.conversations]),
      [
        [first.body.request.id, a.visitorId, a.label, 1],
        [fromB.body.request.id, b.visitorId, b.label, 0],
      ],
      'oldest first, who asked and how many conversations they have',
    );

    const onDisk = () => [ts.config.dbFile, `${ts.config.dbFile}-wal`].filter(existsSync).some((f) => readFileSync(f).includes(marker));
    assert.ok(onDisk());
    const confirmed = await api(ts, `/api/v1/privacy/erasure-requests/${first.body.request.id}/confirm`, { token: t.staffToken, body: {} });
    assert.equal(confirmed.status, 200);
    assert.deepEqual(confirmed.body.erased, { visitors: 1, conversations: 1, files: 0, tombstone: false });
    assert.equal(confirmed.body.request.status, 'confirmed');
    assert.equal(confirmed.body.request.decidedBy, t.staff.id);
    assert.equal(confirmed.body.request.visitor, null, 'the visitor is gone');
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'conversation.erased' && e.conversationId === sent.conversationId));
    await staff.waitForEvents((es) => es.some((e) => e.kind === 'erasure.requests' && e.pending === 1));
    assert.equal(onDisk(), false, 'no byte of the text in the database file or its WAL');
    assert.deepEqual((await api(ts, `/api/v1/search?q=${marker}`, { token: t.staffToken })).body.hits, []);
    assert.equal((await api(ts, `/api/v1/conversations/${sent.conversationId}`, { token: t.staffToken })).status, 404);
    assert.equal((await mine(ts, a.token)).status, 401, "the widget's token names nobody now");
    const twice = await api(ts, `/api/v1/privacy/erasure-requests/${first.body.request.id}/confirm`, { token: t.staffToken, body: {} });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'conflict');

    // Declined: nothing goes, the visitor is told, and may ask again.
    const declined = await api(ts, `/api/v1/privacy/erasure-requests/${fromB.body.request.id}/decline`, { token: t.staffToken, body: {} });
    assert.equal(declined.status, 200);
    assert.equal(declined.body.request.status, 'declined');
    assert.equal(declined.body.request.visitor.label, b.label, 'b is still there');
    assert.equal((await mine(ts, b.token)).body.request.status, 'declined');
    assert.equal((await api(ts, `/api/v1/privacy/erasure-requests/${fromB.body.request.id}/confirm`, { token: t.staffToken, body: {} })).status, 409, 'a declined request is not confirmed later');
    assert.deepEqual((await api(ts, '/api/v1/privacy/erasure-requests', { token: t.staffToken })).body.requests, []);
    const decided = (await api(ts, '/api/v1/privacy/erasure-requests?status=confirmed', { token: t.staffToken })).body.requests;
    assert.deepEqual(decided.map((r: { id: string }) => r.id), [first.body.request.id]);
    const anew = await ask(ts, b.token);
    assert.equal(anew.body.request.status, 'pending');
    assert.notEqual(anew.body.request.id, fromB.body.request.id);
    assert.equal((await api(ts, '/api/v1/privacy/erasure-requests/era_nope/confirm', { token: t.staffToken, body: {} })).status, 404);
    await staff.close();
  });
});

test('an erasure by lookup carries out the pending request; API tokens need the privacy scope', async () => {
  await withTestServer({}, async (ts, t) => {
    const a = await session(ts, t.site.key);
    const req = (await ask(ts, a.token)).body.request;
    const token = async (scopes: string[]) => (await api(ts, '/api/v1/admin/api-tokens', { token: t.staffToken, body: { name: `t-${scopes.join('-')}`, scopes } })).body.secret as string;
    assert.equal((await api(ts, '/api/v1/privacy/erasure-requests', { token: await token(['admin']) })).status, 403);
    const privacy = await token(['privacy']);
    assert.equal((await api(ts, '/api/v1/privacy/erasure-requests', { token: privacy })).body.requests[0].id, req.id);
    assert.equal((await api(ts, '/api/v1/privacy/erase', { token: privacy, body: { visitorId: a.visitorId } })).status, 200);
    const done = (await api(ts, '/api/v1/privacy/erasure-requests?status=confirmed', { token: t.staffToken })).body.requests;
    assert.deepEqual(done.map((r: { id: string; status: string }) => [r.id, r.status]), [[req.id, 'confirmed']]);
  });
});

test('anonymous visitors cannot flood the list: requests per address per window, and pending ones per site', async () => {
  await withTestServer({ serverLimits: { erasureRequestsPerIp: 2 } }, async (ts, t) => {
    const [a, b, c] = [await session(ts, t.site.key), await session(ts, t.site.key), await session(ts, t.site.key)];
    assert.equal((await ask(ts, a.token)).status, 200);
    assert.equal((await ask(ts, a.token)).status, 200, 'asking again for the pending one costs nothing');
    assert.equal((await ask(ts, b.token)).status, 200);
    const third = await ask(ts, c.token);
    assert.equal(third.status, 429);
    assert.equal(third.body.code, 'rate_limited');
    assert.match(third.body.message, /Too many erasure requests from your address; try again in \d+ seconds?/);
    assert.equal((await mine(ts, c.token)).body.request, null);
  });
  await withTestServer({ serverLimits: { erasureRequestsPendingPerSite: 2 } }, async (ts, t) => {
    const [a, b, c] = [await session(ts, t.site.key), await session(ts, t.site.key), await session(ts, t.site.key)];
    const first = (await ask(ts, a.token)).body.request;
    assert.equal((await ask(ts, b.token)).status, 200);
    const full = await ask(ts, c.token);
    assert.equal(full.status, 429);
    assert.equal(full.body.code, 'quota_exceeded');
    // Another site is not affected, and a decided request makes room.
    const other = await createTestSite(ts);
    assert.equal((await ask(ts, (await session(ts, other.site.key)).token)).status, 200);
    await api(ts, `/api/v1/privacy/erasure-requests/${first.id}/decline`, { token: t.staffToken, body: {} });
    assert.equal((await ask(ts, c.token)).status, 200);
  });
});
