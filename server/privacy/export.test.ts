import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import tar from 'tar-stream';
import { addStaff, createTestSite, loginStaff, newVisitor, startTestServer, type TestServer } from '../realtime/test-helpers.ts';
import type { SiteRecord } from '../store/store.ts';
import { api } from '../http/test-client.ts';

/** POST /api/v1/privacy/export (issue 20): one person's data as export.json plus their files, in a tar. */
let ts: TestServer;
let site: SiteRecord;
let adminToken: string;
before(async () => {
  ts = await startTestServer();
  ({ site, staffToken: adminToken } = await createTestSite(ts));
});
after(() => ts.stop());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 9)]);

async function untar(res: Response): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => void chunks.push(c as Buffer));
      stream.on('end', () => (files.set(header.name, Buffer.concat(chunks)), next()));
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.fromWeb(res.body as import('node:stream/web').ReadableStream).pipe(extract);
  await done;
  return files;
}

const exportOf = (token: string, body: unknown) =>
  fetch(`${ts.server.url}/api/v1/privacy/export`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

test("an admin exports a visitor by id: export.json with their conversation, and the file's exact bytes", async () => {
  const v = await newVisitor(ts, site);
  const form = new FormData();
  form.set('file', new Blob([PNG], { type: 'image/png' }), 'screen shot.png');
  const up = await (await fetch(`${ts.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${v.token}` }, body: form })).json();
  const who = { kind: 'visitor' as const, siteId: site.id, visitorId: v.visitorId };
  await ts.server.domain.sendMessage(who, { clientId: 'e1', text: 'Here is my screen, order 5521', attachmentIds: [up.id] });

  const res = await exportOf(adminToken, { visitorId: v.visitorId });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/x-tar');
  assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="parley-export-${v.visitorId}\\.tar"`));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const files = await untar(res);
  assert.deepEqual([...files.keys()], ['export.json', `attachments/${up.id}/screen shot.png`]);
  const data = JSON.parse(files.get('export.json')!.toString('utf8'));
  assert.equal(data.visitors[0].visitor.id, v.visitorId);
  assert.deepEqual(data.visitors[0].conversations[0].messages.map((m: { text: string }) => m.text), ['Here is my screen, order 5521']);
  assert.deepEqual(files.get(`attachments/${up.id}/screen shot.png`), PNG);
});

test('admins and API tokens with the privacy scope only; the person is named by exactly one field', async () => {
  const v = await newVisitor(ts, site);
  const agent = await addStaff(ts, site, 'agent');
  assert.equal((await exportOf(await loginStaff(ts, agent.email), { visitorId: v.visitorId })).status, 403, 'an agent may not');
  const token = async (scopes: string[]) => (await api(ts, '/api/v1/admin/api-tokens', { token: adminToken, body: { name: `t-${scopes.join('-')}`, scopes } })).body.secret as string;
  assert.equal((await exportOf(await token(['privacy']), { visitorId: v.visitorId })).status, 200, 'a privacy token may');
  const admin = await exportOf(await token(['read', 'write', 'admin']), { visitorId: v.visitorId });
  assert.equal(admin.status, 403, 'an admin token without the privacy scope may not');
  assert.match((await admin.json()).message, /privacy/);
  const two = await exportOf(adminToken, { visitorId: v.visitorId, email: 'a@b.c' });
  assert.equal(two.status, 400);
  assert.match((await two.json()).message, /exactly one/);
  assert.equal((await exportOf(adminToken, { email: 'nobody@example.com' })).status, 404);
  assert.equal((await exportOf(adminToken, { phone: '123' })).status, 400, 'the schema set refuses unknown fields');
});
