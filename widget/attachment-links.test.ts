import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestSite, newVisitor, startTestServer, type TestServer } from '../server/realtime/test-helpers.ts';
import type { SiteRecord } from '../server/store/store.ts';
import { createLinkSource } from './attachment-links.ts';

/** The widget's signed links against the real server: one request per turn, cached, only what the visitor may read. */
let ts: TestServer;
let site: SiteRecord;
before(async () => {
  ts = await startTestServer();
  ({ site } = await createTestSite(ts));
});
after(() => ts.stop());

async function upload(token: string, text: string): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([text]), 'note.txt');
  const res = await fetch(`${ts.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return ((await res.json()) as { id: string }).id;
}

test('links for the files rendered together come in one request, are reused, and download without a token', async () => {
  const v = await newVisitor(ts, site);
  const [a, b] = [await upload(v.token, 'first'), await upload(v.token, 'second')];
  const other = await upload((await newVisitor(ts, site)).token, 'not yours');
  let requests = 0;
  const counted: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const links = createLinkSource(ts.server.url, () => v.token, counted);
  const [la, lb, lo] = await Promise.all([links.get(a), links.get(b), links.get(other)]);
  assert.equal(requests, 1);
  assert.equal(lo, null, "another visitor's file gets no link");
  assert.doesNotMatch(la!, /token=/);
  assert.equal(await (await fetch(la!)).text(), 'first');
  assert.equal(await (await fetch(lb!)).text(), 'second');
  assert.ok(links.expiresAt(a) > Date.now() + 60_000);
  assert.equal(await links.get(a), la, 'reused while valid');
  assert.equal(requests, 1);
  // A tampered or unsigned link is refused; a token in the URL is refused outright.
  assert.equal((await fetch(la!.replace(/sig=[^&]+/, 'sig=AAAA'))).status, 401);
  assert.equal((await fetch(la!.split('?')[0])).status, 401);
  assert.equal((await fetch(`${la!.split('?')[0]}?token=${encodeURIComponent(v.token)}`)).status, 401);
});
