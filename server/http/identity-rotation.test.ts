import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { CloseCodes } from '../../protocol/index.ts';
import { createTestSite, manualHeartbeat, startTestServer, visitorClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

// The server's clock, moved by the test past the grace period (JWT times follow it too).
let clock = Date.now();
const beat = manualHeartbeat();
let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer({ identityGraceSec: 60, jwtClockToleranceSec: 0 }, { now: () => clock, heartbeatTimer: beat.timer });
  t = await createTestSite(ts, { role: 'admin' });
});
after(() => ts.stop());

const userJwt = (secret: string, sub = 'user-1') =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(t.site.key).setAudience('parley').setSubject(sub)
    .setIssuedAt(Math.floor(clock / 1000)).setExpirationTime(Math.floor(clock / 1000) + 3600).sign(new TextEncoder().encode(secret));
const session = (body: Record<string, unknown>) => api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key, ...body } });
const admin = (method: string, body?: unknown) => api(ts, `/api/v1/admin/sites/${t.site.id}`, { method, token: t.staffToken, body });

test('the identity secret is shown once; a rotation keeps the old one working for the grace period, then ends its sessions', async () => {
  const read = await admin('GET');
  assert.equal(read.body.site.identitySecret, undefined, 'not shown again');
  assert.equal(read.body.site.identitySecretHint, t.site.identitySecret.slice(-4));
  const old = t.site.identitySecret;
  const signedIn = await session({ userToken: await userJwt(old) });
  assert.equal(signedIn.status, 200);
  const socket = await visitorClient(ts, t.site, signedIn.body.visitorToken);

  const rotated = await admin('PATCH', { rotateIdentitySecret: true });
  const fresh = rotated.body.site.identitySecret as string;
  assert.ok(fresh && fresh !== old, 'the new secret, once');
  assert.equal(rotated.body.site.previousIdentityUntil, clock + 60_000);
  assert.equal((await admin('GET')).body.site.identitySecret, undefined);

  // Within the grace period both secrets sign users in, and the old sessions go on.
  assert.equal((await session({ userToken: await userJwt(old, 'user-2') })).status, 200);
  assert.equal((await session({ userToken: await userJwt(fresh, 'user-3') })).status, 200);
  assert.equal((await session({ visitorToken: signedIn.body.visitorToken })).body.visitor.id, signedIn.body.visitor.id);
  beat.tick();
  assert.equal(socket.ws.readyState, socket.ws.OPEN);

  clock += 60_001;
  const late = await session({ userToken: await userJwt(old, 'user-2') });
  assert.equal(late.status, 401, 'the old secret verifies nothing any more');
  assert.match(late.body.message, /signature/);
  const stale = await session({ visitorToken: signedIn.body.visitorToken });
  assert.notEqual(stale.body.visitor?.id, signedIn.body.visitor.id, 'the old identified session is not honoured');
  beat.tick();
  assert.equal((await socket.closed).code, CloseCodes.replaced, 'its open socket ends at the next check');
  assert.equal((await session({ userToken: await userJwt(fresh, 'user-1') })).body.visitor.id, signedIn.body.visitor.id, 'signing in again with the new secret finds the same user');
});

test('"require identified visitors": anonymous sessions are refused, old anonymous tokens too; identified ones chat', async () => {
  const anon = await session({});
  assert.equal(anon.status, 200);
  const settings = (await admin('GET')).body.site.settings;
  assert.equal((await admin('PATCH', { settings: { ...settings, requireIdentified: true } })).status, 200);
  try {
    const refused = await session({});
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /signed-in users/);
    assert.equal((await session({ visitorToken: anon.body.visitorToken })).status, 403);
    await assert.rejects(visitorClient(ts, t.site, anon.body.visitorToken), 'an anonymous token made before cannot say hello');
    const site = (await ts.server.store.getSite(t.site.id))!;
    assert.equal((await session({ userToken: await userJwt(site.identitySecret, 'user-9') })).status, 200);
  } finally {
    await admin('PATCH', { settings });
  }
});
