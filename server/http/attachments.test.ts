import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestSite, newVisitor, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import type { SiteRecord } from '../store/store.ts';
import { api } from './test-client.ts';

let ts: TestServer;
let site: SiteRecord;
let staffToken: string;
const MAX = 4096;
before(async () => {
  ts = await startTestServer({ limits: { maxUploadBytes: MAX } });
  ({ site, staffToken } = await createTestSite(ts));
});
after(() => ts.stop());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

async function upload(token: string, bytes: Uint8Array<ArrayBuffer>, name: string, conversationId?: string) {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: 'image/png' }), name);
  if (conversationId) form.set('conversationId', conversationId);
  const res = await fetch(`${ts.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json(), connection: res.headers.get('connection') };
}

/** With the token in a header, or (viaLink) through a signed link asked for with it: tokens never go in URLs. */
async function download(token: string | null, url: string, viaLink = false) {
  if (viaLink && token) {
    const id = url.split('/').pop()!;
    const links = await api(ts, '/api/v1/attachments/links', { token, body: { ids: [id] } });
    if (!links.body.links[id]) return new Response(null, { status: 404 });
    return fetch(`${ts.server.url}${links.body.links[id].url}`);
  }
  return fetch(`${ts.server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

test('a PNG is accepted with its sniffed type and served back to the participants with safe headers', async () => {
  const v = await newVisitor(ts, site);
  const up = await upload(v.token, PNG, 'screen "shot" ü.png');
  assert.equal(up.status, 201);
  assert.equal(up.body.type, 'image/png');
  assert.equal(up.body.size, PNG.length);
  assert.match(up.body.url, /^\/api\/v1\/attachments\/att_/);
  // The uploader may read it before it is sent; the staff may not yet (404: ids cannot be probed).
  assert.equal((await download(v.token, up.body.url, true)).status, 200);
  assert.equal((await download(staffToken, up.body.url)).status, 404);

  const ack = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: site.id, visitorId: v.visitorId }, { clientId: 'a1', text: '', attachmentIds: [up.body.id] });
  assert.equal(ack.message.attachments[0].id, up.body.id);
  const res = await download(staffToken, up.body.url);
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
  assert.match(res.headers.get('cache-control') ?? '', /private/);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  const disposition = res.headers.get('content-disposition') ?? '';
  assert.match(disposition, /^inline; filename="screen _shot_ _\.png"; filename\*=UTF-8''screen%20%22shot%22%20%C3%BC\.png$/);

  const other = await newVisitor(ts, site);
  const foreign = await download(other.token, up.body.url);
  assert.equal(foreign.status, 404);
  const otherSite = await createTestSite(ts);
  assert.equal((await download(otherSite.staffToken, up.body.url)).status, 404);
  assert.equal((await download(null, up.body.url)).status, 401);
});

test('a .png that is really HTML is refused 415; text is served as an attachment', async () => {
  const v = await newVisitor(ts, site);
  const html = await upload(v.token, Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'cat.png');
  assert.equal(html.status, 415);
  assert.equal(html.body.code, 'unsupported_media_type');
  const text = await upload(v.token, Buffer.from('order 42, broken lid'), 'notes.png');
  assert.equal(text.status, 201);
  assert.equal(text.body.type, 'text/plain');
  assert.equal(text.body.name, 'notes.png.txt');
  const res = await download(v.token, text.body.url);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
  assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
});

test('oversize uploads are 413, by Content-Length and while streaming', async () => {
  const v = await newVisitor(ts, site);
  const big = await upload(v.token, Buffer.alloc(MAX + 1, 0x41), 'big.txt');
  assert.equal(big.status, 413);
  assert.equal(big.body.code, 'payload_too_large');
  assert.equal(big.connection, 'close', 'refused before its end: the connection is not reused for the next request');
  // Chunked (no Content-Length): cut off while reading.
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\n'));
      for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(MAX * 2).fill(0x41));
      controller.close();
    },
  });
  const res = await fetch(`${ts.server.url}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${v.token}`, 'content-type': 'multipart/form-data; boundary=b' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 413);
  assert.equal(res.headers.get('connection'), 'close');
});

test('uploads into someone else\'s conversation are refused; a missing file is bad_request', async () => {
  const a = await newVisitor(ts, site);
  const ack = await ts.server.domain.sendMessage({ kind: 'visitor', siteId: site.id, visitorId: a.visitorId }, { clientId: 'c', text: 'hi' });
  const b = await newVisitor(ts, site);
  const r = await upload(b.token, PNG, 'x.png', ack.conversationId);
  assert.ok(r.status === 403 || r.status === 404);
  const none = await api(ts, '/api/v1/attachments', { token: b.token, rawBody: new FormData() });
  assert.equal(none.status, 400);
});

test('a staff note\'s attachment is for staff only; a deleted message\'s attachment is gone for everyone', async () => {
  const v = await newVisitor(ts, site);
  const visitor = { kind: 'visitor' as const, siteId: site.id, visitorId: v.visitorId };
  const first = await ts.server.domain.sendMessage(visitor, { clientId: 'n0', text: 'hello' });
  const staff = await ts.server.auth.verifyAccessToken(staffToken);

  const noteFile = await upload(staffToken, PNG, 'internal.png', first.conversationId);
  assert.equal(noteFile.status, 201);
  await ts.server.domain.sendMessage(staff, { conversationId: first.conversationId, clientId: 'n1', text: 'see this', note: true, attachmentIds: [noteFile.body.id] });
  assert.equal((await download(staffToken, noteFile.body.url)).status, 200);
  const asVisitor = await download(v.token, noteFile.body.url);
  assert.equal(asVisitor.status, 404, 'the visitor must not fetch a note\'s file by its id');
  assert.equal((await asVisitor.json()).code, 'not_found');

  const shared = await upload(staffToken, PNG, 'public.png', first.conversationId);
  const sent = await ts.server.domain.sendMessage(staff, { conversationId: first.conversationId, clientId: 'n2', text: '', attachmentIds: [shared.body.id] });
  assert.equal((await download(v.token, shared.body.url)).status, 200);
  const stored = join(ts.dir, (await ts.server.store.getAttachment(shared.body.id))!.storagePath);
  assert.equal(existsSync(stored), true);
  await ts.server.domain.deleteMessage(staff, first.conversationId, sent.messageId);
  assert.equal(existsSync(stored), false, 'the bytes are removed from disk, not only hidden');
  assert.equal((await download(v.token, shared.body.url)).status, 404);
  assert.equal((await download(staffToken, shared.body.url)).status, 404);
});

test('an attachment of an early message in a long conversation is still found', async () => {
  const v = await newVisitor(ts, site);
  const visitor = { kind: 'visitor' as const, siteId: site.id, visitorId: v.visitorId };
  const file = await upload(v.token, PNG, 'early.png');
  const first = await ts.server.domain.sendMessage(visitor, { clientId: 'e0', text: 'look', attachmentIds: [file.body.id] });
  for (let i = 1; i <= 520; i++) await ts.server.domain.sendMessage(visitor, { conversationId: first.conversationId, clientId: `e${i}`, text: `m${i}` });
  assert.equal((await download(staffToken, file.body.url)).status, 200);
  assert.equal((await download(v.token, file.body.url)).status, 200);
});

test('an upload never sent is deleted, record and file, once older than the limit; sent ones stay', async () => {
  // The server's clock, moved forward by the test: an upload gets old without waiting for it.
  let skewMs = 0;
  const short = await startTestServer({ unsentAttachmentMaxAgeMs: 60_000 }, { now: () => Date.now() + skewMs });
  try {
    const { site: s } = await createTestSite(short);
    const v = await newVisitor(short, s);
    const visitor = { kind: 'visitor' as const, siteId: s.id, visitorId: v.visitorId };
    const post = async (name: string) => {
      const form = new FormData();
      form.set('file', new Blob([PNG], { type: 'image/png' }), name);
      const res = await fetch(`${short.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${v.token}` }, body: form });
      assert.equal(res.status, 201);
      return (await res.json()) as { id: string; url: string };
    };
    const kept = await post('sent.png');
    const left = await post('forgotten.png');
    await short.server.domain.sendMessage(visitor, { clientId: 's1', text: '', attachmentIds: [kept.id] });
    const fileOf = async (id: string) => join(short.dir, (await short.server.store.getAttachment(id))!.storagePath);
    const [keptFile, leftFile] = [await fileOf(kept.id), await fileOf(left.id)];

    assert.equal(await short.server.sweepAttachments(), 0, 'nothing is old enough yet');
    skewMs = 60_001;
    assert.equal(await short.server.sweepAttachments(), 1);
    assert.equal(existsSync(leftFile), false, 'the forgotten upload is removed from disk');
    assert.equal(existsSync(keptFile), true, 'a sent attachment stays');
    const get = (url: string) => fetch(`${short.server.url}${url}`, { headers: { authorization: `Bearer ${v.token}` } });
    assert.equal((await get(left.url)).status, 404);
    assert.equal((await get(kept.url)).status, 200);
    await assert.rejects(short.server.domain.sendMessage(visitor, { clientId: 's2', text: '', attachmentIds: [left.id] }), { code: 'not_found' });
  } finally {
    await short.stop();
  }
});

test('signed links: short-lived, for one file and one person, checked again at download; no token in any URL', async () => {
  const v = await newVisitor(ts, site);
  const up = await upload(v.token, PNG, 'mine.png');
  const other = await newVisitor(ts, site);
  const links = await api(ts, '/api/v1/attachments/links', { token: v.token, body: { ids: [up.body.id, 'att_nope'] } });
  assert.equal(links.status, 200);
  assert.deepEqual(Object.keys(links.body.links), [up.body.id], 'unknown ids are left out');
  const link = links.body.links[up.body.id];
  assert.match(link.url, /^\/api\/v1\/attachments\/att_[^?]+\?exp=\d+&p=visitor%3Avis_[^&]+&sig=[\w-]+$/);
  assert.ok(link.expiresAt > Date.now() && link.expiresAt <= Date.now() + 300_000 + 1000, 'valid for PARLEY_ATTACHMENT_LINK_TTL (5 min)');
  const res = await fetch(`${ts.server.url}${link.url}`);
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
  // Another visitor gets no link for it; a link made for v does not open another file.
  assert.deepEqual((await api(ts, '/api/v1/attachments/links', { token: other.token, body: { ids: [up.body.id] } })).body.links, {});
  const second = await upload(v.token, PNG, 'second.png');
  assert.equal((await fetch(`${ts.server.url}${link.url.replace(up.body.id, second.body.id)}`)).status, 401);
  // ?token= is refused outright (was: a 30-day visitor token in every link).
  const byQuery = await fetch(`${ts.server.url}${up.body.url}?token=${encodeURIComponent(v.token)}`);
  assert.equal(byQuery.status, 401);
  assert.match((await byQuery.json()).message, /signed link/);
});

test('a signed link expires, and stops working at once when its message is deleted', async () => {
  let now = Date.now();
  const clocked = await startTestServer({ attachmentLinkTtlSec: 60 }, { now: () => now });
  try {
    const t = await createTestSite(clocked);
    const v = await newVisitor(clocked, t.site);
    const form = new FormData();
    form.set('file', new Blob([PNG], { type: 'image/png' }), 'x.png');
    const up = await (await fetch(`${clocked.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${v.token}` }, body: form })).json();
    const sent = await clocked.server.domain.sendMessage({ kind: 'visitor', siteId: t.site.id, visitorId: v.visitorId }, { clientId: 'l1', text: '', attachmentIds: [up.id] });
    const linkOf = async (token: string) => (await api(clocked, '/api/v1/attachments/links', { token, body: { ids: [up.id] } })).body.links[up.id].url as string;
    const visitorLink = await linkOf(v.token);
    const staffLink = await linkOf(t.staffToken);
    assert.match(staffLink, /p=staff%3A/);
    assert.equal((await fetch(`${clocked.server.url}${staffLink}`)).status, 200);
    now += 61_000;
    const expired = await fetch(`${clocked.server.url}${visitorLink}`);
    assert.equal(expired.status, 401);
    assert.equal((await expired.json()).code, 'token_expired');
    const fresh = await linkOf(v.token);
    const staff = await clocked.server.auth.verifyAccessToken(t.staffToken);
    await clocked.server.domain.deleteMessage(staff, sent.conversationId, sent.messageId);
    assert.equal((await fetch(`${clocked.server.url}${fresh}`)).status, 404, 'access is decided again at download');
  } finally {
    await clocked.stop();
  }
});
