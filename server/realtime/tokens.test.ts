import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, UnsecuredJWT } from 'jose';
import { CloseCodes, PROTOCOL_VERSION } from '../../protocol/index.ts';
import { connect, createTestSite, newVisitor, staffClient, useTestServer, visitorClient } from './test-helpers.ts';

/** Bad tokens are refused at hello with unauthorized/token_expired and close 4001. */
describe('tokens at hello', () => {
  const { ts, a } = useTestServer();
  let key: Uint8Array;
  let visitorId: string;
  before(async () => {
    key = new TextEncoder().encode(ts.config.secret!);
    visitorId = (await newVisitor(ts, a.site)).visitorId;
  });

  const sign = (claims: { aud?: string; iss?: string; expSec?: number; sub?: string }, signKey = key) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ site: a.site.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(claims.iss ?? 'parley')
      .setAudience(claims.aud ?? 'parley:visitor')
      .setSubject(claims.sub ?? visitorId)
      .setIssuedAt(now - 7200)
      .setExpirationTime(claims.expSec ?? now + 3600)
      .sign(signKey);
  };

  async function refused(token: string, expected: string) {
    const c = await connect(ts, { site: a.site.key });
    const f = await c.request('hello', { v: PROTOCOL_VERSION, token });
    assert.equal(f.type, 'error');
    assert.equal(f.type === 'error' && f.code, expected, JSON.stringify(f));
    assert.equal((await c.closed).code, CloseCodes.unauthorized);
  }

  test('a well-formed token is accepted (control)', async () => {
    const c = await visitorClient(ts, a.site, await sign({}));
    assert.equal(c.helloResult.visitor?.id, visitorId);
    await c.close();
  });

  test('expired', async () => {
    await refused(await sign({ expSec: Math.floor(Date.now() / 1000) - 3600 }), 'token_expired');
  });

  test('tampered payload', async () => {
    const [h, , s] = (await sign({})).split('.');
    const forged = Buffer.from(JSON.stringify({ site: a.site.id, sub: 'someone-else', iss: 'parley', aud: 'parley:visitor', exp: 9999999999 })).toString('base64url');
    await refused(`${h}.${forged}.${s}`, 'unauthorized');
  });

  test('wrong signing key', async () => {
    await refused(await sign({}, new TextEncoder().encode('another-secret-0123456789abcdef')), 'unauthorized');
  });

  test('wrong audience (a site identity token is not a visitor token)', async () => {
    await refused(await sign({ aud: 'parley' }), 'unauthorized');
  });

  test('wrong issuer', async () => {
    await refused(await sign({ iss: a.site.key }), 'unauthorized');
  });

  test('alg none', async () => {
    const token = new UnsecuredJWT({ site: a.site.id }).setIssuer('parley').setAudience('parley:visitor').setSubject(visitorId).setExpirationTime('1h').encode();
    await refused(token, 'unauthorized');
  });

  test('garbage and empty tokens', async () => {
    await refused('not-a-jwt', 'unauthorized');
    await refused('', 'unauthorized');
  });

  test('a logged-out staff session is refused on the next hello (resume re-verifies)', async () => {
    const b = await createTestSite(ts);
    const first = await staffClient(ts, b.staffToken);
    const cursor = first.helloResult.resume.cursor!;
    await first.close();
    const p = await ts.server.auth.verifyAccessToken(b.staffToken);
    await ts.server.auth.staffLogout(p);
    const c = await connect(ts);
    const f = await c.request('hello', { v: PROTOCOL_VERSION, token: b.staffToken, resume: { cursor } });
    assert.equal(f.type === 'error' && f.code, 'unauthorized');
    assert.equal((await c.closed).code, CloseCodes.unauthorized);
  });
});
