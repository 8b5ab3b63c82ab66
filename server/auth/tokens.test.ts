import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { refusalCode } from './test-helpers.ts';
import { createTokenService, STAFF_AUDIENCE } from './tokens.ts';

const SECRET = 'test-secret-0123456789abcdef';
let clock = Date.UTC(2030, 0, 1);
const service = (secret = SECRET) => createTokenService({ secret, visitorTtlSec: 3600, clockToleranceSec: 5, now: () => clock });

test('visitor tokens round-trip with site and visitor', async () => {
  const s = service();
  const { token, expiresAt } = await s.signVisitor('site_1', 'vis_1');
  assert.equal(expiresAt, clock + 3600_000);
  assert.deepEqual(await s.verify(token), { kind: 'visitor', siteId: 'site_1', visitorId: 'vis_1', exp: expiresAt });
});

test('staff tokens carry the session id', async () => {
  const s = service();
  const token = await s.signStaff('site_1', 'stf_1', 'ses_1', clock + 60_000);
  const claims = await s.verify(token);
  assert.equal(claims.kind, 'staff');
  assert.equal(claims.kind === 'staff' && claims.sessionId, 'ses_1');
});

test('expired tokens are token_expired, past the clock tolerance only', async () => {
  const s = service();
  const { token } = await s.signVisitor('site_1', 'vis_1');
  const start = clock;
  clock = start + 3600_000 + 4_000; // within 5 s tolerance
  assert.equal(await refusalCode(s.verify(token)), 'accepted');
  clock = start + 3600_000 + 6_000;
  assert.equal(await refusalCode(s.verify(token)), 'token_expired');
  clock = start;
});

test('tampered, foreign-secret, alg none and wrong-audience tokens are unauthorized', async () => {
  const s = service();
  const { token } = await s.signVisitor('site_1', 'vis_1');
  const [h, p, sig] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'vis_2' })).toString('base64url');
  assert.equal(await refusalCode(s.verify(`${h}.${forged}.${sig}`)), 'unauthorized');
  assert.equal(await refusalCode(service('another-secret-0123456789').verify(token)), 'unauthorized');
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  assert.equal(await refusalCode(s.verify(`${none}.${p}.`)), 'unauthorized');
  const key = new TextEncoder().encode(SECRET);
  const wrongAud = await new SignJWT({ site: 'site_1' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('parley')
    .setAudience('parley').setSubject('vis_1').setExpirationTime(Math.floor(clock / 1000) + 60).sign(key);
  assert.equal(await refusalCode(s.verify(wrongAud)), 'unauthorized');
  const hs512 = await new SignJWT({ site: 'site_1' }).setProtectedHeader({ alg: 'HS512' }).setIssuer('parley')
    .setAudience(STAFF_AUDIENCE).setSubject('stf_1').setExpirationTime(Math.floor(clock / 1000) + 60).sign(key);
  assert.equal(await refusalCode(s.verify(hs512)), 'unauthorized');
  const noExp = await new SignJWT({ site: 'site_1' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('parley')
    .setAudience('parley:visitor').setSubject('vis_1').sign(key);
  assert.equal(await refusalCode(s.verify(noExp)), 'unauthorized');
  assert.equal(await refusalCode(s.verify('')), 'unauthorized');
  assert.equal(await refusalCode(s.verify('garbage')), 'unauthorized');
});

test('a short secret is refused at startup', () => {
  assert.throws(() => service('short'), /at least 16/);
});
