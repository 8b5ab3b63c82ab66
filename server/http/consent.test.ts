import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { createTestSite, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import type { SiteRecord } from '../store/store.ts';
import { api } from './test-client.ts';

/** Site setting requireConsent (issue 20): no visitor exists before the visitor consents. */
let ts: TestServer;
let site: SiteRecord;
before(async () => {
  ts = await startTestServer();
  ({ site } = await createTestSite(ts));
  site = (await ts.server.store.updateSite(site.id, { settings: { ...site.settings, requireConsent: true } }))!;
});
after(() => ts.stop());

const session = (body: Record<string, unknown>) => api(ts, '/api/v1/visitor/session', { body: { siteKey: site.key, ...body }, origin: 'https://shop.example' });
const userJwt = (sub: string) =>
  new SignJWT({ name: 'Ada' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(site.key)
    .setAudience('parley')
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(site.identitySecret));

test('a site asking for consent creates no visitor without it, and one with it', async () => {
  const refused = await session({ userToken: await userJwt('cust-1') });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'consent_required');
  assert.match(refused.body.message, /consent/);
  assert.equal(await ts.server.store.findVisitorByExternalId(site.id, 'cust-1'), null, 'nothing was created');
  assert.equal((await session({})).body.code, 'consent_required', 'anonymous visitors neither');

  const given = await session({ userToken: await userJwt('cust-1'), consent: true });
  assert.equal(given.status, 200);
  assert.ok(await ts.server.store.findVisitorByExternalId(site.id, 'cust-1'));
  // A returning visitor (their token: they consented when it was made) needs no new consent.
  const again = await session({ visitorToken: given.body.visitorToken });
  assert.equal(again.status, 200);
  assert.equal(again.body.visitor.id, given.body.visitor.id);
  // The flag is part of the schema set: anything but a boolean is a bad request.
  assert.equal((await session({ consent: 'yes' })).body.code, 'bad_request');
});

test('the setting is a site setting of the admin API, off by default', async () => {
  const other = await createTestSite(ts);
  const open = () => api(ts, '/api/v1/visitor/session', { body: { siteKey: other.site.key }, origin: 'https://shop.example' });
  assert.equal((await open()).status, 200, 'off: sessions as before');
  const patched = await api(ts, `/api/v1/admin/sites/${other.site.id}`, { method: 'PATCH', token: other.staffToken, body: { settings: { requireConsent: true } } });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.site.settings.requireConsent, true);
  assert.equal((await open()).body.code, 'consent_required');
});
