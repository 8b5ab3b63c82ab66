import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestSite, newVisitor, startTestServer, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

// No refill (perSec 0): the bucket empties after `burst` writes and stays empty, so nothing here
// depends on how fast the machine is.
const BURST = 3;
let ts: TestServer;
let a: TestSite;
before(async () => {
  ts = await startTestServer({ serverLimits: { restRateBurst: BURST, restRatePerSec: 0 } });
  a = await createTestSite(ts);
});
after(() => ts.stop());

const send = (token: string, conversationId: string, clientId: string) =>
  api(ts, `/api/v1/conversations/${conversationId}/messages`, { token, body: { clientId, text: `hi ${clientId}` } });

test('REST sends are limited per principal with 429 rate_limited, a sentence and Retry-After', async () => {
  const v = await newVisitor(ts, a.site);
  const first = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: a.site.id, visitorId: v.visitorId }, { clientId: 'x', text: 'start' });
  for (let i = 0; i < BURST; i++) assert.equal((await send(v.token, first.conversationId, `m${i}`)).status, 200);
  const refused = await send(v.token, first.conversationId, 'over');
  assert.equal(refused.status, 429);
  assert.equal(refused.body.code, 'rate_limited');
  assert.match(refused.body.message, /^Too many requests; try again in \d+ seconds?\.$/);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  // Nothing was written for the refused request.
  const history = await api(ts, `/api/v1/conversations/${first.conversationId}/messages`, { token: v.token });
  assert.equal(history.status, 200, 'reads are not limited');
  assert.equal(history.body.messages.length, 1 + BURST);
  // Another principal (the staff member) has a bucket of its own.
  assert.equal((await send(a.staffToken, first.conversationId, 's0')).status, 200);
});

test('visitor sessions and staff logins are limited per client IP, each in its own bucket', async () => {
  const b = await createTestSite(ts);
  const open = () => api(ts, '/api/v1/visitor/session', { body: { siteKey: b.site.key } });
  for (let i = 0; i < BURST; i++) assert.equal((await open()).status, 200);
  const refused = await open();
  assert.equal(refused.status, 429);
  assert.equal(refused.body.code, 'rate_limited');
  const login = await api(ts, '/api/v1/staff/login', { body: { email: b.staff.email, password: 'wrong password' } });
  assert.equal(login.status, 401, 'logins have their own bucket');
});

test('uploads are limited per principal', async () => {
  const v = await newVisitor(ts, a.site);
  const upload = () => {
    const form = new FormData();
    form.set('file', new Blob(['plain text']), 'a.txt');
    return api(ts, '/api/v1/attachments', { token: v.token, rawBody: form });
  };
  for (let i = 0; i < BURST; i++) assert.equal((await upload()).status, 201);
  assert.equal((await upload()).status, 429);
});

test('behind a trusted proxy each forwarded client has its own bucket; without trust the header is ignored', async () => {
  for (const trustProxy of [true, false]) {
    const server = await startTestServer({ trustProxy, serverLimits: { restRateBurst: 1, restRatePerSec: 0 } });
    try {
      const s = await createTestSite(server);
      const open = (xff: string) => api(server, '/api/v1/visitor/session', { body: { siteKey: s.site.key }, headers: { 'x-forwarded-for': xff } });
      assert.equal((await open('203.0.113.1')).status, 200);
      assert.equal((await open('203.0.113.1')).status, 429);
      // A second client behind the proxy; without trust it is the same socket peer, so the same bucket.
      assert.equal((await open('203.0.113.2')).status, trustProxy ? 200 : 429, `trustProxy ${trustProxy}`);
    } finally {
      await server.stop();
    }
  }
});
