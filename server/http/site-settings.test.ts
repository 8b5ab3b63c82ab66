import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { QUEUE_STUB } from '../../protocol/snippet.ts';
import { addStaff, createTestSite, loginStaff, newVisitor, startTestServer, staffClient, visitorClient, type TestServer, type TestSite } from '../realtime/test-helpers.ts';
import { api } from './test-client.ts';

let ts: TestServer;
let t: TestSite;
before(async () => {
  ts = await startTestServer();
  t = await createTestSite(ts, { role: 'admin', origins: ['https://shop.example'] });
});
after(() => ts.stop());

const patch = (body: unknown, token = t.staffToken) => api(ts, `/api/v1/admin/sites/${t.site.id}`, { method: 'PATCH', token, body });

test('an accent white text cannot be read on is refused with its ratio and a shade that passes', async () => {
  const light = await patch({ settings: { color: '#FFEB3B' } });
  assert.equal(light.status, 400);
  assert.match(light.body.message, /^White text on #ffeb3b has a contrast of 1\.\d+:1; at least 4\.5:1 is needed to be readable\. (#[0-9a-f]{6}) is the nearest shade that passes\.$/);
  const suggestion = /(#[0-9a-f]{6}) is the nearest/.exec(light.body.message)![1];
  const ok = await patch({ settings: { color: suggestion.toUpperCase() } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.site.settings.color, suggestion, 'stored lowercase');
  assert.equal((await patch({ settings: { color: 'red; background: url(x)' } })).status, 400);
});

test('every widget setting is validated and the pre-chat mode is stored in one spelling', async () => {
  const r = await patch({
    name: 'Acme Shop',
    settings: { greeting: ' Hi there! ', replyTime: 'an hour', position: 'bottom-left', launcherLabel: 'Chat with us', language: 'de', preChatEmail: true },
  });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.site.settings, { greeting: 'Hi there!', replyTime: 'an hour', position: 'bottom-left', launcherLabel: 'Chat with us', language: 'de', preChatEmail: 'always' });
  for (const [settings, field] of [
    [{ position: 'top-left' }, 'settings.position'],
    [{ language: 'xx' }, 'settings.language'],
    [{ preChatEmail: 'sometimes' }, 'settings.preChatEmail'],
    [{ launcherLabel: 'x'.repeat(41) }, 'settings.launcherLabel'],
  ] as const) {
    const bad = await patch({ settings });
    assert.equal(bad.status, 400, field);
    assert.ok(bad.body.message.includes(field), bad.body.message);
  }
  assert.equal((await patch({ settings: { preChatEmail: 'offline' } })).body.site.settings.preChatEmail, 'offline');
});

test('a change reaches the widgets and dashboards already connected, as site.updated', async () => {
  const v = await newVisitor(ts, t.site);
  const visitor = await visitorClient(ts, t.site, v.token);
  const staff = await staffClient(ts, t.staffToken);
  const other = await createTestSite(ts);
  const stranger = await visitorClient(ts, other.site, (await newVisitor(ts, other.site)).token);
  assert.equal((await patch({ settings: { greeting: 'Live greeting', color: '#1d4ed8' } })).status, 200);
  for (const c of [visitor, staff]) {
    await c.waitForEvents((es) => es.some((e) => e.kind === 'site.updated' && e.site.settings.greeting === 'Live greeting'));
  }
  const [seen] = visitor.events('site.updated');
  assert.deepEqual(Object.keys(seen.site).sort(), ['email', 'key', 'name', 'settings'], 'no secret, no origins');
  assert.equal(seen.site.settings.color, '#1d4ed8');
  // A change to origins alone changes nothing visitors see: no event for it. Sites never see each other's.
  await api(ts, `/api/v1/admin/sites/${t.site.id}/origins`, { token: t.staffToken, body: { origin: 'https://blog.example' } });
  await patch({ settings: { greeting: 'Second' } });
  await visitor.waitForEvents((es) => es.filter((e) => e.kind === 'site.updated').length === 2);
  assert.equal(stranger.events('site.updated').length, 0);
  await Promise.all([visitor.close(), staff.close(), stranger.close()]);
});

test('origins are added and removed one at a time with the CLI\'s rules, in canonical spelling', async () => {
  const path = `/api/v1/admin/sites/${t.site.id}/origins`;
  const added = await api(ts, path, { token: t.staffToken, body: { origin: 'HTTPS://Docs.Example:443/' } });
  assert.equal(added.status, 200);
  assert.ok(added.body.site.allowedOrigins.includes('https://docs.example'));
  const again = await api(ts, path, { token: t.staffToken, body: { origin: 'https://docs.example' } });
  assert.equal(again.body.site.allowedOrigins.filter((o: string) => o === 'https://docs.example').length, 1, 'no duplicate');
  const bad = await api(ts, path, { token: t.staffToken, body: { origin: 'https://docs.example/help' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /is not an origin: write it like https:\/\/shop\.example/);
  assert.equal((await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key }, origin: 'https://docs.example' })).status, 200);
  const removed = await api(ts, `${path}?origin=${encodeURIComponent('https://docs.example')}`, { method: 'DELETE', token: t.staffToken });
  assert.equal(removed.status, 200);
  assert.ok(!removed.body.site.allowedOrigins.includes('https://docs.example'));
  assert.equal((await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key }, origin: 'https://docs.example' })).status, 403, 'refused at once');
  assert.equal((await api(ts, `${path}?origin=${encodeURIComponent('https://docs.example')}`, { method: 'DELETE', token: t.staffToken })).status, 404);
});

test('the installation check: the snippet with its queue stub, and where the widget was last seen', async () => {
  const path = `/api/v1/admin/sites/${t.site.id}/installation`;
  const before = await api(ts, path, { token: t.staffToken });
  assert.equal(before.status, 200);
  assert.ok(before.body.snippet.startsWith(`<script>${QUEUE_STUB}</script>`));
  assert.ok(before.body.snippet.includes(`data-site="${t.site.key}"`));
  assert.ok(before.body.esmSnippet.includes("import { boot } from '"));
  assert.equal(before.body.sightings.some((s: { origin: string }) => s.origin === 'https://shop.example'), false);
  const t0 = Date.now();
  assert.equal((await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key }, origin: 'https://shop.example' })).status, 200);
  // A refused origin is not a sighting.
  assert.equal((await api(ts, '/api/v1/visitor/session', { body: { siteKey: t.site.key }, origin: 'https://evil.example' })).status, 403);
  const after = await api(ts, path, { token: t.staffToken });
  const seen = after.body.sightings.find((s: { origin: string }) => s.origin === 'https://shop.example');
  assert.ok(seen && seen.lastSeenAt >= t0 && seen.lastSeenAt <= Date.now(), JSON.stringify(after.body.sightings));
  assert.equal(after.body.sightings.some((s: { origin: string }) => s.origin === 'https://evil.example'), false);
});

test('agents may not change the site or read its installation', async () => {
  const agent = await addStaff(ts, t.site, 'agent');
  const token = await loginStaff(ts, agent.email);
  assert.equal((await patch({ settings: { greeting: 'x' } }, token)).status, 403);
  assert.equal((await api(ts, `/api/v1/admin/sites/${t.site.id}/installation`, { token })).status, 403);
  assert.equal((await api(ts, `/api/v1/admin/sites/${t.site.id}/origins`, { token, body: { origin: 'https://x.example' } })).status, 403);
});
