import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT, jwtVerify } from 'jose';
import { createOwnTokenCheck } from './own-token-check.ts';
import { createTokenService, STAFF_AUDIENCE, TOKEN_ISSUER, VISITOR_AUDIENCE } from './tokens.ts';

const SECRET = 'test-secret-0123456789abcdef';
const clock = Date.UTC(2030, 0, 1);
const nowSec = Math.floor(clock / 1000);
const check = createOwnTokenCheck(SECRET, { issuer: TOKEN_ISSUER, audiences: [VISITOR_AUDIENCE, STAFF_AUDIENCE], clockToleranceSec: 5 });
const service = createTokenService({ secret: SECRET, visitorTtlSec: 3600, clockToleranceSec: 5, now: () => clock });
const key = new TextEncoder().encode(SECRET);
const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }, secret = key) =>
  new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(secret);
const ours = { iss: TOKEN_ISSUER, aud: VISITOR_AUDIENCE, sub: 'vis_1', site: 'site_1', iat: nowSec, exp: nowSec + 60 };

test('the tokens Parley signs pass without jose, with the claims jose reads from them', async () => {
  for (const token of [(await service.signVisitor('site_1', 'vis_1', 'idk_1')).token, await service.signStaff('site_1', 'stf_1', 'ses_1', clock + 60_000)]) {
    const { payload } = await jwtVerify(token, key, { currentDate: new Date(clock) });
    assert.deepEqual(check(token, clock), payload);
  }
});

test('expiry: within the clock tolerance passes, past it is left to jose', async () => {
  const token = await signed({ ...ours, exp: nowSec });
  assert.ok(check(token, clock + 4_000));
  assert.equal(check(token, clock + 5_000), null);
});

test('anything not exactly as Parley signs it is left to jose (null), never accepted', async () => {
  const token = await signed(ours);
  const [h, p, sig] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...ours, sub: 'vis_2' })).toString('base64url');
  const cases: Record<string, string> = {
    'tampered payload': `${h}.${forged}.${sig}`,
    'another secret': await signed(ours, undefined, new TextEncoder().encode('another-secret-0123456789')),
    'signature with trailing junk': `${token}A`,
    'a fourth segment': `${token}.x`,
    'no signature': `${h}.${p}`,
    'header without typ': await signed(ours, { alg: 'HS256' }),
    'header with another member': await signed(ours, { alg: 'HS256', typ: 'JWT', kid: 'k1' }),
    'wrong issuer': await signed({ ...ours, iss: 'other' }),
    'foreign audience': await signed({ ...ours, aud: 'parley' }),
    'audience as an array': await signed({ ...ours, aud: [VISITOR_AUDIENCE] }),
    'no sub': await signed({ ...ours, sub: undefined }),
    'no exp': await signed({ ...ours, exp: undefined }),
    'exp as a string': await signed({ ...ours, exp: String(nowSec + 60) }),
    'a not-before': await signed({ ...ours, nbf: nowSec - 10 }),
    'iat as a string': await signed({ ...ours, iat: 'now' }),
  };
  for (const [what, t] of Object.entries(cases)) assert.equal(check(t, clock), null, what);
  assert.ok(check(token, clock), 'the untouched token passes');
});
