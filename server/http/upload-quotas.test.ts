import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestSite, newVisitor, waitUntil, withTestServer, type TestServer } from '../realtime/test-helpers.ts';
import type { SiteRecord } from '../store/store.ts';

const MIB = 1024 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size: number) => {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set(PNG_MAGIC);
  return bytes;
};

async function upload(ts: TestServer, token: string, bytes: Uint8Array<ArrayBuffer>, name = 'shot.png') {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: 'image/png' }), name);
  const res = await fetch(`${ts.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

/** An upload whose body arrives when the test says so: it stays in progress on the server meanwhile. */
function heldUpload(ts: TestServer, token: string) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const enc = new TextEncoder();
  controller.enqueue(enc.encode('--b\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\nContent-Type: image/png\r\n\r\n'));
  controller.enqueue(PNG_MAGIC);
  const response = fetch(`${ts.server.url}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=b' },
    body,
    duplex: 'half',
  } as RequestInit).then(async (res) => ({ status: res.status, body: await res.json() }));
  return {
    response,
    send: (bytes: Uint8Array) => controller.enqueue(bytes),
    finish() {
      controller.enqueue(enc.encode('\r\n--b--\r\n'));
      controller.close();
      return response;
    },
  };
}

/** Uploads being written under their temp names (what the server holds open right now). */
const inProgress = (ts: TestServer, site: SiteRecord) => {
  const dir = join(ts.dir, 'attachments', site.id);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp')) : [];
};

test('one anonymous visitor cannot fill the disk: 5 MiB files are refused once 25 MiB wait unsent (was: 20 accepted)', async () => {
  await withTestServer({}, async (ts) => {
    const { site } = await createTestSite(ts);
    const v = await newVisitor(ts, site);
    const results: number[] = [];
    for (let i = 0; i < 20; i++) results.push((await upload(ts, v.token, png(5 * MIB))).status);
    assert.deepEqual(results, [...Array(5).fill(201), ...Array(15).fill(429)]);
    const refused = await upload(ts, v.token, png(5 * MIB));
    assert.equal(refused.body.code, 'quota_exceeded');
    assert.match(refused.body.message, /5 uploaded files \(25 MiB\) not sent yet; the limit is 10 files or 25 MiB/);
    assert.deepEqual(inProgress(ts, site), [], 'a refused upload leaves nothing on disk');
    assert.equal(readdirSync(join(ts.dir, 'attachments', site.id)).length, 5);
    // Another visitor of the site has their own quota.
    assert.equal((await upload(ts, (await newVisitor(ts, site)).token, png(1024))).status, 201);
  });
});

test('count quotas: unsent files per visitor, uploads per visitor per day (sent ones too), and per site for many new visitors', async () => {
  await withTestServer({ serverLimits: { uploadsPendingPerVisitor: 3, uploadsPerVisitorPerDay: 5, uploadsPendingPerSite: 6 } }, async (ts) => {
    const { site } = await createTestSite(ts);
    const v = await newVisitor(ts, site);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await upload(ts, v.token, png(100))).body.id);
    assert.equal((await upload(ts, v.token, png(100))).body.code, 'quota_exceeded');
    // Sending them frees the unsent quota, but they still count for the day.
    const visitor = { kind: 'visitor' as const, siteId: site.id, visitorId: v.visitorId };
    await ts.server.domain.sendMessage(visitor, { clientId: 'q1', text: 'files', attachmentIds: ids });
    assert.equal((await upload(ts, v.token, png(100))).status, 201);
    assert.equal((await upload(ts, v.token, png(100))).status, 201);
    const daily = await upload(ts, v.token, png(100));
    assert.equal(daily.status, 429);
    assert.match(daily.body.message, /5 files .* in the last 24 hours; the limit is 5 files/);
    // New visitors cost nothing, so the site as a whole has a quota too (2 of its 6 are v's unsent ones).
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await upload(ts, (await newVisitor(ts, site)).token, png(100))).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 429, 429]);
    // Staff uploads do not count against visitor quotas.
    const { staffToken } = await createTestSite(ts);
    assert.equal((await upload(ts, staffToken, png(100))).status, 201);
  });
});

test('an upload is streamed to disk while it arrives and a visitor has at most 2 in progress', async () => {
  await withTestServer({}, async (ts) => {
    const { site } = await createTestSite(ts);
    const v = await newVisitor(ts, site);
    const first = heldUpload(ts, v.token);
    const second = heldUpload(ts, v.token);
    await waitUntil(() => inProgress(ts, site).length === 2, undefined, 'both uploads being written');
    // The bytes are on disk before the body has ended (the old route buffered the whole body first).
    first.send(Buffer.alloc(MIB, 7));
    const dir = join(ts.dir, 'attachments', site.id);
    await waitUntil(() => inProgress(ts, site).some((f) => statSync(join(dir, f)).size >= MIB), undefined, '1 MiB written');

    const third = await upload(ts, v.token, png(100));
    assert.equal(third.status, 429);
    assert.equal(third.body.code, 'too_many_uploads');
    assert.match(third.body.message, /2 uploads in progress/);
    assert.equal((await first.finish()).status, 201);
    assert.equal((await upload(ts, v.token, png(100))).status, 201, 'a slot is free again');
    assert.equal((await second.finish()).status, 201);
    assert.deepEqual(inProgress(ts, site), []);
  });
});

test('uploads in progress on one process are capped; a refused body is not read', async () => {
  await withTestServer({ serverLimits: { uploadsConcurrentPerProcess: 3 } }, async (ts) => {
    const { site } = await createTestSite(ts);
    const held = [];
    for (let i = 0; i < 3; i++) held.push(heldUpload(ts, (await newVisitor(ts, site)).token));
    await waitUntil(() => inProgress(ts, site).length === 3, undefined, 'three uploads being written');
    const other = await newVisitor(ts, site);
    const refused = heldUpload(ts, other.token);
    const answer = await refused.response;
    assert.equal(answer.status, 429, 'answered before its body ended');
    assert.match(answer.body.message, /too many uploads right now/);
    for (const h of held) assert.equal((await h.finish()).status, 201);
    assert.equal((await upload(ts, other.token, png(100))).status, 201);
  });
});

test('an upload cut off mid-body leaves no file behind', async () => {
  await withTestServer({}, async (ts) => {
    const { site } = await createTestSite(ts);
    const v = await newVisitor(ts, site);
    const cut = new AbortController();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    controller.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n\r\n'));
    controller.enqueue(png(256 * 1024));
    const res = fetch(`${ts.server.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, 'content-type': 'multipart/form-data; boundary=b' },
      body,
      duplex: 'half',
      signal: cut.signal,
    } as RequestInit);
    await waitUntil(() => inProgress(ts, site).length === 1, undefined, 'the upload being written');
    cut.abort();
    await res.catch(() => {});
    await waitUntil(() => inProgress(ts, site).length === 0, undefined, 'the temp file removed');
    assert.equal(readdirSync(join(ts.dir, 'attachments', site.id)).length, 0);
    assert.equal((await upload(ts, v.token, png(100))).status, 201, 'its slot was given back');
  });
});
