import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { ParleyError } from '../errors.ts';
import type { SiteRecord } from '../store/store.ts';
import { identityKeyLive, identityKeyOf, verifySiteUserToken } from './identity.ts';

const now = Date.UTC(2030, 0, 1);
const site: SiteRecord = {
  id: 'site_1', key: 'pk_test', name: 'Shop', allowedOrigins: [], identitySecret: 'site-identity-secret-123', settings: {}, createdAt: 0,
};
const sec = Math.floor(now / 1000);

function sign(claims: Record<string, unknown>, o: { alg?: string; secret?: string; iss?: string; aud?: string; exp?: number | null; sub?: string | null } = {}) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: o.alg ?? 'HS256' }).setIssuer(o.iss ?? site.key).setAudience(o.aud ?? 'parley').setIssuedAt(sec);
  if (o.sub !== null) jwt = jwt.setSubject(o.sub ?? 'user-42');
  if (o.exp !== null) jwt = jwt.setExpirationTime(o.exp ?? sec + 300);
  return jwt.sign(new TextEncoder().encode(o.secret ?? site.identitySecret));
}
const verify = (token: string) => verifySiteUserToken(site, token, { clockToleranceSec: 0, now: () => now });
async function refusal(token: string): Promise<ParleyError> {
  try {
    await verify(token);
  } catch (err) {
    assert.ok(err instanceof ParleyError);
    return err;
  }
  throw new Error('token was accepted');
}

test('a valid user token gives sub, name and email from its claims', async () => {
  const user = await verify(await sign({ name: 'Ada Lovelace', email: 'ada@example.com' }));
  assert.deepEqual(user, { externalId: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com', identityKey: identityKeyOf(site.identitySecret) });
  assert.deepEqual(await verify(await sign({})), { externalId: 'user-42', identityKey: identityKeyOf(site.identitySecret) });
});

test('expired user tokens are token_expired', async () => {
  const e = await refusal(await sign({}, { exp: sec - 10 }));
  assert.equal(e.code, 'token_expired');
  assert.match(e.message, /expired/);
});

test('each kind of bad user token is refused with a sentence saying which', async () => {
  const cases: [Promise<string>, RegExp][] = [
    [sign({}, { aud: 'someone-else' }), /audience/],
    [sign({}, { iss: 'pk_other' }), /issuer/],
    [sign({}, { secret: 'not-the-site-secret-xyz' }), /signature/],
    [sign({}, { alg: 'HS384' }), /HS256/],
    [sign({}, { exp: null }), /"exp"/],
    [sign({}, { sub: null }), /"sub"/],
    [sign({ email: 'not-an-email' }), /email/],
    [sign({ name: 42 }), /name/],
  ];
  for (const [token, message] of cases) {
    const e = await refusal(await token);
    assert.equal(e.code, 'unauthorized');
    assert.match(e.message, message);
  }
});

test('alg none and tampered user tokens are refused', async () => {
  const token = await sign({ name: 'Ada' });
  const [h, p, s] = token.split('.');
  const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
  assert.equal((await refusal(`${none}.${p}.`)).code, 'unauthorized');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), name: 'Admin' })).toString('base64url');
  assert.equal((await refusal(`${h}.${forged}.${s}`)).code, 'unauthorized');
});

test('a rotated identity secret is honoured at once: new tokens verify, tokens of the old secret are refused', async () => {
  const before = await sign({});
  assert.equal((await verify(before)).externalId, 'user-42', 'the old secret, imported and cached');
  const rotated: SiteRecord = { ...site, identitySecret: 'rotated-identity-secret-456' };
  const verifyRotated = (token: string) => verifySiteUserToken(rotated, token, { clockToleranceSec: 0, now: () => now });
  assert.deepEqual(await verifyRotated(await sign({}, { secret: rotated.identitySecret })), { externalId: 'user-42', identityKey: identityKeyOf(rotated.identitySecret) });
  await assert.rejects(verifyRotated(before), (e: ParleyError) => e.code === 'unauthorized' && /signature/.test(e.message));
});

test('during a rotation\'s grace period both secrets verify (each named by its key); after it only the new one', async () => {
  const before = await sign({});
  const rotated: SiteRecord = { ...site, identitySecret: 'rotated-identity-secret-789', previousIdentitySecret: site.identitySecret, previousIdentityUntil: now + 60_000 };
  const at = (t: number) => (token: string) => verifySiteUserToken(rotated, token, { clockToleranceSec: 0, now: () => t });
  assert.equal((await at(now)(before)).identityKey, identityKeyOf(site.identitySecret), 'the old secret, within the grace period');
  assert.equal((await at(now)(await sign({}, { secret: rotated.identitySecret }))).identityKey, identityKeyOf(rotated.identitySecret));
  assert.equal(identityKeyLive(rotated, identityKeyOf(site.identitySecret), now + 59_999), true);
  assert.equal(identityKeyLive(rotated, identityKeyOf(site.identitySecret), now + 60_000), false, 'sessions under the old secret end with it');
  await assert.rejects(at(now + 60_000)(before), (e: ParleyError) => e.code === 'unauthorized' && /signature/.test(e.message));
});
