import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import { createParleyServer, type ParleyServer } from '../server/app.ts';
import { newIdentitySecret } from '../server/auth/index.ts';
import { memoryStorage } from '../client/storage.ts';
import { fetchHistory, openSession, RestError, tokenKey, type SessionDeps } from './session.ts';

/** The widget's REST session against a real server (port 0, temp SQLite). */
let server: ParleyServer;
let dir: string;
let siteKey: string;
const ORIGIN = 'http://localhost:5173';
// A browser sends Origin on cross-origin requests; node's fetch does not, so add it.
const browserFetch: typeof fetch = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), origin: ORIGIN } });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-widget-session-'));
  const config = loadConfig({ PARLEY_DATA_DIR: dir, PARLEY_LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1' });
  server = await createParleyServer({ config });
  const site = await server.store.createSite({
    name: 'Widget test site',
    allowedOrigins: ['http://localhost:*'],
    identitySecret: newIdentitySecret(),
    settings: { preChatEmail: true },
  });
  siteKey = site.key;
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = (storage = memoryStorage()): SessionDeps => ({ fetch: browserFetch, storage, apiBase: server.url, siteKey });

test('a reload keeps the same visitor: the stored token is sent back', async () => {
  const d = deps();
  const first = await openSession(d, { context: { url: 'https://shop.example/a', title: 'A', language: 'de-DE' } });
  assert.equal(first.site.name, 'Widget test site');
  assert.equal(first.site.settings.preChatEmail, true);
  assert.equal(d.storage.getItem(tokenKey(siteKey)), first.visitorToken);
  const again = await openSession(d, {});
  assert.equal(again.visitor.id, first.visitor.id);
});

test('a stored token the server rejects is replaced by a fresh anonymous session', async () => {
  const d = deps();
  d.storage.setItem(tokenKey(siteKey), 'not-a-token');
  const s = await openSession(d, {});
  assert.ok(s.visitor.id);
  assert.equal(d.storage.getItem(tokenKey(siteKey)), s.visitorToken);
});

test('a tampered user token is refused with the server’s error', async () => {
  await assert.rejects(openSession(deps(), { userToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }), (e: unknown) => {
    assert.ok(e instanceof RestError);
    assert.equal(e.status, 401);
    return true;
  });
});

test('history of a conversation the visitor does not own is refused', async () => {
  const s = await openSession(deps(), {});
  await assert.rejects(fetchHistory({ fetch: browserFetch, apiBase: server.url }, s.visitorToken, 'cnv_someone_else', {}), RestError);
});
