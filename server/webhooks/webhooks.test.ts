import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../http/test-client.ts';
import { createTestSite, newVisitor, startTestServer, waitUntil, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { isPrivateAddress } from './address-guard.ts';
import { startReceiver, type Received } from './testing/receiver.ts';
import { Webhook } from 'standardwebhooks';
import { SignJWT } from 'jose';

/**
 * Webhooks end to end: the real server follows its event log, signs and POSTs to a real local HTTP
 * receiver, retries after 500s and timeouts, and keeps a delivery log. Private addresses are allowed
 * here (the receiver is on 127.0.0.1), as an operator would for an intranet receiver.
 */
let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer({ webhooks: { allowPrivate: true, pollMs: 20, retryBaseMs: 40, timeoutMs: 400, retryForMs: 60_000 } });
  t = await createTestSite(ts);
});
after(() => ts.stop());

async function subscribe(url: string, events: string[], extra: Record<string, unknown> = {}) {
  const r = await api(ts, '/api/v1/admin/webhooks', { token: t.staffToken, body: { url, events, ...extra } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.webhook as { id: string; secret: string; status: string };
}
const log = async (id: string) => (await api(ts, `/api/v1/admin/webhooks/${id}/deliveries`, { token: t.staffToken })).body.items as any[];
async function visitorSays(text: string) {
  const v = await newVisitor(ts, t.site);
  return ts.server.domain.sendMessage({ kind: 'visitor', siteId: t.site.id, visitorId: v.visitorId }, { clientId: `c-${text}`, text });
}

test('events reach the receiver signed the Standard Webhooks way, and the delivery log shows the answer', async () => {
  const rx = await startReceiver();
  try {
    const hook = await subscribe(rx.url, ['conversation.created', 'message.created']);
    assert.match(hook.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    const sent = await visitorSays('Do you ship to Norway?');
    await waitUntil(() => rx.ofType('message.created').length === 1 && rx.ofType('conversation.created').length === 1, undefined, 'both deliveries');
    const msg = rx.ofType('message.created')[0];
    assert.equal(msg.json.data.message.text, 'Do you ship to Norway?');
    assert.equal(msg.json.data.conversationId, sent.conversationId);
    assert.equal(msg.headers['content-type'], 'application/json');
    const headers = { 'webhook-id': String(msg.headers['webhook-id']), 'webhook-timestamp': String(msg.headers['webhook-timestamp']), 'webhook-signature': String(msg.headers['webhook-signature']) };
    assert.match(headers['webhook-signature'], /^v1,[A-Za-z0-9+/=]{44}$/);
    // Verified by the Standard Webhooks reference library, as a receiver would.
    assert.deepEqual(new Webhook(hook.secret).verify(msg.body, headers), msg.json, 'the signature verifies with the endpoint secret');
    assert.throws(() => new Webhook(hook.secret).verify(msg.body.replace('Norway', 'Sweden'), headers), 'a changed body does not');
    assert.throws(() => new Webhook('whsec_' + Buffer.from('another secret 0123456789').toString('base64')).verify(msg.body, headers), 'another secret does not');
    await waitUntil(async () => (await log(hook.id)).every((d) => d.status === 'delivered'), undefined, 'the log says delivered');
    const entries = await log(hook.id);
    assert.deepEqual(entries.map((d) => [d.kind, d.status, d.lastStatus, d.attempts]).sort(), [['conversation.created', 'delivered', 200, 1], ['message.created', 'delivered', 200, 1]]);
    assert.ok(entries.some((d) => d.id === headers['webhook-id']), 'webhook-id is the delivery id in the log');
  } finally {
    await rx.close();
  }
});

test('private notes go only to endpoints that ask for them; a resolve is conversation.resolved', async () => {
  const plain = await startReceiver();
  const notes = await startReceiver();
  try {
    await subscribe(plain.url, ['message.created', 'conversation.resolved']);
    await subscribe(notes.url, ['message.created'], { includeNotes: true });
    const sent = await visitorSays('I need an invoice');
    const path = `/api/v1/conversations/${sent.conversationId}`;
    assert.equal((await api(ts, `${path}/messages`, { token: t.staffToken, body: { clientId: 'n1', text: 'VIP customer, be quick', note: true } })).status, 200);
    assert.equal((await api(ts, `${path}/messages`, { token: t.staffToken, body: { clientId: 'r1', text: 'Here it is.' } })).status, 200);
    const team = await api(ts, '/api/v1/teams', { token: t.staffToken, body: { name: 'Billing' } });
    assert.equal(team.status, 201, JSON.stringify(team.body));
    assert.equal((await api(ts, path, { method: 'PATCH', token: t.staffToken, body: { teamId: team.body.team.id } })).status, 200);
    assert.equal((await api(ts, path, { method: 'PATCH', token: t.staffToken, body: { status: 'resolved' } })).status, 200);
    await waitUntil(() => plain.ofType('conversation.resolved').length === 1 && plain.ofType('message.created').length === 2 && notes.ofType('message.created').length === 3, undefined, 'deliveries');
    // Deliveries are sent in parallel and may arrive in any order; `seq` orders them.
    const bySeq = (list: Received[]) => [...list].sort((x, y) => x.json.data.seq - y.json.data.seq);
    assert.deepEqual(bySeq(plain.ofType('message.created')).map((r) => r.json.data.message.text), ['I need an invoice', 'Here it is.']);
    assert.deepEqual(bySeq(notes.ofType('message.created')).map((r) => [r.json.data.message.text, r.json.data.message.note]), [['I need an invoice', false], ['VIP customer, be quick', true], ['Here it is.', false]]);
    assert.equal(plain.ofType('conversation.resolved')[0].json.data.conversation.status, 'resolved');
    assert.equal(plain.ofType('conversation.resolved')[0].json.data.conversation.teamId, team.body.team.id, 'the snapshot names the team');
  } finally {
    await Promise.all([plain.close(), notes.close()]);
  }
});

test('a rating and a visitor signing in reach the endpoints that ask for them', async () => {
  const rx = await startReceiver();
  try {
    await subscribe(rx.url, ['conversation.rated', 'visitor.identified']);
    const v = await newVisitor(ts, t.site);
    const visitor = { kind: 'visitor' as const, siteId: t.site.id, visitorId: v.visitorId };
    const sent = await ts.server.domain.sendMessage(visitor, { clientId: 'rate-1', text: 'Thanks, all sorted' });
    const path = `/api/v1/conversations/${sent.conversationId}`;
    assert.equal((await api(ts, path, { method: 'PATCH', token: t.staffToken, body: { status: 'resolved' } })).status, 200);
    const rated = await api(ts, `${path}/rating`, { token: v.token, body: { score: 4, comment: 'quick' } });
    assert.equal(rated.status, 200, JSON.stringify(rated.body));
    const userToken = await new SignJWT({ name: 'Ann Lee' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(t.site.key)
      .setAudience('parley')
      .setSubject('cust-webhook-1')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(t.site.identitySecret));
    await ts.server.auth.openVisitorSession({ siteKey: t.site.key, visitorToken: v.token, userToken }, null);
    await waitUntil(() => rx.ofType('conversation.rated').length === 1 && rx.ofType('visitor.identified').length === 1, undefined, 'both deliveries');
    const r = rx.ofType('conversation.rated')[0].json.data;
    assert.deepEqual([r.conversationId, r.rating.score, r.rating.comment, r.conversation.status], [sent.conversationId, 4, 'quick', 'resolved']);
    const id = rx.ofType('visitor.identified')[0].json.data;
    assert.deepEqual([id.conversationId, id.name], [sent.conversationId, 'Ann Lee']);
    assert.equal(typeof id.fromLabel, 'string');
    assert.equal(rx.ofType('message.created').length + rx.ofType('conversation.resolved').length, 0, 'kinds not asked for are not sent');
  } finally {
    await rx.close();
  }
});

test('500s and timeouts are retried with the same webhook-id until the receiver takes it', async () => {
  // First a 500, then no answer at all (the 400 ms timeout), then a 500 again, then 200.
  const rx = await startReceiver((_r, n) => (n === 1 || n === 3 ? 500 : n === 2 ? 'hang' : 200));
  try {
    const hook = await subscribe(rx.url, ['message.created']);
    await visitorSays('Is anyone there?');
    await waitUntil(async () => (await log(hook.id))[0]?.status === 'delivered', undefined, 'delivered after retries');
    assert.equal(rx.received.length, 4);
    assert.equal(new Set(rx.received.map((r) => r.headers['webhook-id'])).size, 1, 'one webhook-id across attempts');
    const [d] = await log(hook.id);
    assert.deepEqual([d.attempts, d.lastStatus, d.lastError], [4, 200, null]);
  } finally {
    await rx.close();
  }
});

test('after failing for the retry window the delivery fails and the endpoint is failing; resend and a test delivery work', async () => {
  const server = await startTestServer({ webhooks: { allowPrivate: true, pollMs: 20, retryBaseMs: 30, timeoutMs: 400, retryForMs: 300 } });
  let up = false;
  const rx = await startReceiver(() => (up ? 200 : 503));
  try {
    const site = await createTestSite(server);
    const hook = (await api(server, '/api/v1/admin/webhooks', { token: site.staffToken, body: { url: rx.url, events: ['message.created'] } })).body.webhook;
    const v = await newVisitor(server, site.site);
    await server.server.domain.sendMessage({ kind: 'visitor', siteId: site.site.id, visitorId: v.visitorId }, { clientId: 'x', text: 'Hello?' });
    const entries = async () => (await api(server, `/api/v1/admin/webhooks/${hook.id}/deliveries`, { token: site.staffToken })).body.items as any[];
    await waitUntil(async () => (await entries())[0]?.status === 'failed', undefined, 'failed for good');
    const [failed] = await entries();
    assert.equal(failed.lastStatus, 503);
    assert.equal(failed.lastError, 'The receiver answered 503.');
    assert.ok(failed.attempts >= 2, `retried first (${failed.attempts} attempts)`);
    const listed = async () => (await api(server, '/api/v1/admin/webhooks', { token: site.staffToken })).body.webhooks[0];
    assert.equal((await listed()).status, 'failing');

    up = true;
    const resent = await api(server, `/api/v1/admin/webhooks/${hook.id}/deliveries/${failed.id}/resend`, { method: 'POST', token: site.staffToken });
    assert.equal(resent.status, 202);
    await waitUntil(async () => (await entries())[0]?.status === 'delivered', undefined, 'delivered on resend');
    assert.equal(rx.received.at(-1)!.headers['webhook-id'], failed.id, 'a resend keeps the webhook-id');
    assert.equal((await listed()).status, 'active', 'a success makes the endpoint active again');

    const probe = await api(server, `/api/v1/admin/webhooks/${hook.id}/test`, { method: 'POST', token: site.staffToken });
    assert.equal(probe.status, 202);
    await waitUntil(() => rx.ofType('webhook.test').length === 1, undefined, 'the test delivery');
    assert.equal(rx.ofType('webhook.test')[0].headers['webhook-id'], probe.body.delivery.id);
  } finally {
    await rx.close();
    await server.stop();
  }
});

test('without the operator setting, private and loopback receivers are refused and nothing is sent', async () => {
  const server = await startTestServer({ webhooks: { pollMs: 20, retryBaseMs: 30, retryForMs: 100 } });
  const rx = await startReceiver();
  try {
    const site = await createTestSite(server);
    const hook = (await api(server, '/api/v1/admin/webhooks', { token: site.staffToken, body: { url: rx.url, events: ['message.created'] } })).body.webhook;
    const v = await newVisitor(server, site.site);
    await server.server.domain.sendMessage({ kind: 'visitor', siteId: site.site.id, visitorId: v.visitorId }, { clientId: 'x', text: 'Hello?' });
    const entries = async () => (await api(server, `/api/v1/admin/webhooks/${hook.id}/deliveries`, { token: site.staffToken })).body.items as any[];
    await waitUntil(async () => (await entries())[0]?.status === 'failed', undefined, 'refused');
    assert.match((await entries())[0].lastError, /private or loopback address \(127\.0\.0\.1\)/);
    assert.equal(rx.received.length, 0, 'the receiver never heard of it');
  } finally {
    await rx.close();
    await server.stop();
  }
  for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(a), false, a);
});

test('endpoints are checked and scoped: bad URLs and kinds are refused, other sites see nothing', async () => {
  const bad = await api(ts, '/api/v1/admin/webhooks', { token: t.staffToken, body: { url: 'ftp://x.example', events: ['message.created'] } });
  assert.equal(bad.body.message, 'url must be an http(s) URL of at most 2048 characters.');
  const kind = await api(ts, '/api/v1/admin/webhooks', { token: t.staffToken, body: { url: 'https://x.example/h', events: ['rating.given!'] } });
  assert.equal(kind.status, 400);
  const other = await createTestSite(ts);
  const mine = await subscribe('https://crm.example/h', ['message.created']);
  assert.equal((await api(ts, `/api/v1/admin/webhooks/${mine.id}`, { method: 'DELETE', token: other.staffToken })).status, 404);
  assert.equal((await api(ts, `/api/v1/admin/webhooks/${mine.id}/deliveries`, { token: other.staffToken })).status, 404);
  const rotated = await api(ts, `/api/v1/admin/webhooks/${mine.id}`, { method: 'PATCH', token: t.staffToken, body: { rotateSecret: true, events: ['conversation.created'] } });
  assert.notEqual(rotated.body.webhook.secret, mine.secret);
  assert.deepEqual(rotated.body.webhook.events, ['conversation.created']);
  assert.equal((await api(ts, `/api/v1/admin/webhooks/${mine.id}`, { method: 'DELETE', token: t.staffToken })).status, 200);
});

test('a receiver that answers with a huge body is read only up to the cap, and the delivery counts', async () => {
  const { createServer } = await import('node:http');
  let cutOff: Promise<boolean> = Promise.resolve(false);
  const rx = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      // Parley stops reading after PARLEY_WEBHOOK_MAX_RESPONSE_BYTES and closes: the 50 MB never all go out.
      cutOff = new Promise((resolve) => {
        res.on('close', () => resolve(!res.writableFinished));
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
    });
  });
  await new Promise<void>((resolve) => rx.listen(0, '127.0.0.1', resolve));
  try {
    const hook = await subscribe(`http://127.0.0.1:${(rx.address() as { port: number }).port}/big`, ['message.created']);
    await visitorSays('Big answer please');
    await waitUntil(async () => (await log(hook.id))[0]?.status === 'delivered', undefined, 'delivered');
    assert.equal(await cutOff, true, 'the connection was closed before the whole answer was read');
  } finally {
    rx.closeAllConnections();
    await new Promise((resolve) => rx.close(resolve));
  }
});

test("erasure.requested: a visitor's request from the widget reaches the receiver once, naming the request and the visitor", async () => {
  const rx = await startReceiver();
  try {
    const hook = await subscribe(rx.url, ['erasure.requested']);
    const ask = (token: string) => api(ts, '/api/v1/visitor/erasure-request', { token, body: {} });
    const [a, b] = [await newVisitor(ts, t.site), await newVisitor(ts, t.site)];
    const first = (await ask(a.token)).body.request;
    assert.equal((await ask(a.token)).body.request.id, first.id, 'asking again answers the pending request');
    const second = (await ask(b.token)).body.request;
    await waitUntil(() => rx.ofType('erasure.requested').length === 2, undefined, 'two deliveries');
    const got = rx.ofType('erasure.requested').map((d) => d.json.data).sort((x, y) => x.requestedAt - y.requestedAt || (x.visitorId === a.visitorId ? -1 : 1));
    assert.deepEqual(got, [
      { siteId: t.site.id, requestId: first.id, visitorId: a.visitorId, requestedAt: first.requestedAt },
      { siteId: t.site.id, requestId: second.id, visitorId: b.visitorId, requestedAt: second.requestedAt },
    ]);
    await waitUntil(async () => (await log(hook.id)).every((d) => d.status === 'delivered'), undefined, 'the log says delivered');
    assert.equal((await log(hook.id)).length, 2, 'one delivery per request, none for asking again');
  } finally {
    await rx.close();
  }
});
