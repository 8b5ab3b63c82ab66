import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { loadConfig } from '../config.ts';
import { refusalCode } from './test-helpers.ts';
import { createSqliteStore } from '../store/sqlite/index.ts';
import type { SiteRecord } from '../store/store.ts';
import { createAuth, hashPassword } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-auth-'));
const store = createSqliteStore({ file: join(dir, 'parley.db') });
const config = loadConfig({ PARLEY_DATA_DIR: dir });
// A fixed clock: every token here is signed and verified at this instant, however slow the machine is.
const START = Date.UTC(2031, 0, 1);
let clock = START;
const auth = createAuth({ store, config, secret: 'auth-test-secret-0123456789', now: () => clock });
let site: SiteRecord;
let other: SiteRecord;

before(async () => {
  await store.migrate();
  site = await store.createSite({ name: 'Shop', allowedOrigins: ['https://shop.example'], identitySecret: 'shop-identity-secret-42', settings: {} });
  other = await store.createSite({ name: 'Other', allowedOrigins: ['https://other.example'], identitySecret: 'other-identity-secret-42', settings: {} });
  await store.createStaff({ siteId: site.id, email: 'agent@shop.example', name: 'Agent', role: 'agent', passwordHash: await hashPassword('hunter2hunter2', CHEAP) });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Cheap scrypt parameters for test accounts (the default cost is tested in passwords.test.ts). */
const CHEAP = { N: 1024, r: 8, p: 1 };

const userToken = (claims: Record<string, unknown>, sub = 'user-1', s = site) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(s.key).setAudience('parley').setSubject(sub)
    .setIssuedAt(Math.floor(clock / 1000)).setExpirationTime(Math.floor(clock / 1000) + 600).sign(new TextEncoder().encode(s.identitySecret));

test('an anonymous visitor gets a token that verifies to them, with a friendly label', async () => {
  const s = await auth.openVisitorSession({ siteKey: site.key }, 'https://shop.example');
  assert.equal(s.visitor.identified, false);
  assert.match(s.visitor.label, /^[A-Z][a-z]+ [A-Z][a-z]+$/);
  assert.deepEqual(s.site, { key: site.key, name: 'Shop', settings: {}, email: false }, 'email: this server sends none');
  assert.deepEqual(await auth.verifyAccessToken(s.visitorToken), { kind: 'visitor', siteId: site.id, visitorId: s.visitor.id });
});

test('a visitor token of the same site keeps the visitor; of another site it does not', async () => {
  const first = await auth.openVisitorSession({ siteKey: site.key }, null);
  const again = await auth.openVisitorSession({ siteKey: site.key, visitorToken: first.visitorToken, context: { url: 'https://shop.example/cart' } }, null);
  assert.equal(again.visitor.id, first.visitor.id);
  assert.equal(again.visitor.context.url, 'https://shop.example/cart');
  const elsewhere = await auth.openVisitorSession({ siteKey: other.key, visitorToken: first.visitorToken }, null);
  assert.notEqual(elsewhere.visitor.id, first.visitor.id);
  const garbage = await auth.openVisitorSession({ siteKey: site.key, visitorToken: 'not-a-token' }, null);
  assert.notEqual(garbage.visitor.id, first.visitor.id);
});

test('foreign origins and unknown site keys are refused', async () => {
  assert.equal(await refusalCode(auth.openVisitorSession({ siteKey: site.key }, 'https://evil.example')), 'origin_not_allowed');
  assert.equal(await refusalCode(auth.openVisitorSession({ siteKey: 'pk_nope' }, null)), 'not_found');
});

test('identified visitors take name and email from the signed claims only', async () => {
  const s = await auth.openVisitorSession({ siteKey: site.key, userToken: await userToken({ name: 'Ada', email: 'ada@example.com' }, 'u-ada') }, null);
  assert.equal(s.visitor.identified, true);
  assert.equal(s.visitor.externalId, 'u-ada');
  assert.equal(s.visitor.name, 'Ada');
  assert.equal(s.visitor.email, 'ada@example.com');
  const renamed = await auth.openVisitorSession({ siteKey: site.key, userToken: await userToken({ name: 'Ada L.' }, 'u-ada') }, null);
  assert.equal(renamed.visitor.id, s.visitor.id);
  assert.equal(renamed.visitor.name, 'Ada L.');
});

test('an anonymous visitor who identifies keeps their conversation', async () => {
  const anon = await auth.openVisitorSession({ siteKey: site.key }, null);
  await store.appendMessage({
    siteId: site.id, visitorId: anon.visitor.id, clientId: 'c1', author: { kind: 'visitor', id: anon.visitor.id },
    text: 'hello before login', attachmentIds: [], note: false, at: clock,
  });
  const known = await auth.openVisitorSession({ siteKey: site.key, visitorToken: anon.visitorToken, userToken: await userToken({ name: 'Bob' }, 'u-bob') }, null);
  assert.notEqual(known.visitor.id, anon.visitor.id);
  assert.equal(known.conversations.length, 1);
  assert.equal(known.conversations[0].visitorId, known.visitor.id);
  assert.equal(known.conversations[0].lastMessage?.text, 'hello before login');
});

test('bad user tokens are refused: expired, tampered, wrong audience, wrong issuer, alg none', async () => {
  const sec = Math.floor(clock / 1000);
  const key = new TextEncoder().encode(site.identitySecret);
  const base = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u-x').setIssuedAt(sec - 1000);
  const expired = await base().setIssuer(site.key).setAudience('parley').setExpirationTime(sec - 600).sign(key);
  const wrongAud = await base().setIssuer(site.key).setAudience('other').setExpirationTime(sec + 600).sign(key);
  const wrongIss = await base().setIssuer(other.key).setAudience('parley').setExpirationTime(sec + 600).sign(key);
  const good = await userToken({ name: 'Eve' }, 'u-eve');
  const [h, p, sig] = good.split('.');
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'u-ada' })).toString('base64url')}.${sig}`;
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
  const open = (t: string) => auth.openVisitorSession({ siteKey: site.key, userToken: t }, null);
  assert.equal(await refusalCode(open(expired)), 'token_expired');
  for (const t of [wrongAud, wrongIss, tampered, none]) assert.equal(await refusalCode(open(t)), 'unauthorized');
});

test('staff login, verify and logout; wrong passwords and unknown emails are invalid_credentials', async () => {
  assert.equal(await refusalCode(auth.staffLogin('agent@shop.example', 'wrong')), 'invalid_credentials');
  assert.equal(await refusalCode(auth.staffLogin('nobody@shop.example', 'hunter2hunter2')), 'invalid_credentials');
  const login = await auth.staffLogin('Agent@Shop.example', 'hunter2hunter2');
  assert.equal(login.staff.email, 'agent@shop.example');
  assert.equal(login.site.id, site.id);
  const p = await auth.verifyAccessToken(login.token);
  assert.equal(p.kind, 'staff');
  assert.equal(p.kind === 'staff' && p.role, 'agent');
  await auth.staffLogout(p);
  assert.equal(await refusalCode(auth.verifyAccessToken(login.token)), 'unauthorized');
});

test('staff sessions end at their expiry', async () => {
  const login = await auth.staffLogin('agent@shop.example', 'hunter2hunter2');
  try {
    // Used every few hours (the idle timeout is not what this test is about), up to a minute before the end.
    const end = START + config.staffSessionTtlSec * 1000 - 60_000;
    for (clock = START; clock < end; clock = Math.min(end, clock + (config.staffIdleTimeoutSec * 1000) / 2)) {
      const p = await auth.verifyAccessToken(login.token);
      if (p.kind === 'staff') await store.touchStaffSession(p.sessionId, clock);
    }
    clock = end;
    assert.equal((await auth.verifyAccessToken(login.token)).kind, 'staff', 'still valid a minute before the end');
    clock = START + config.staffSessionTtlSec * 1000 + 60_000;
    assert.equal(await refusalCode(auth.verifyAccessToken(login.token)), 'token_expired');
  } finally {
    clock = START;
  }
});
