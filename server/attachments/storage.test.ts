import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { contentDisposition } from './content-disposition.ts';
import { createAttachmentStorage } from './storage.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-att-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('bytes are written under attachments/<site>/<id> with no temp files left, and read back', async () => {
  const storage = createAttachmentStorage(dir);
  const path = await storage.write('site_1', 'att_1', new TextEncoder().encode('hello'));
  assert.equal(path, 'attachments/site_1/att_1');
  assert.deepEqual(readdirSync(join(dir, 'attachments', 'site_1')), ['att_1']);
  const text = await new Response(storage.read(path)).text();
  assert.equal(text, 'hello');
  await storage.remove(path);
  assert.deepEqual(readdirSync(join(dir, 'attachments', 'site_1')), []);
});

test('path segments and stored paths cannot escape the data dir', async () => {
  const storage = createAttachmentStorage(dir);
  await assert.rejects(storage.write('..', 'x', new Uint8Array(1)), /Unsafe/);
  await assert.rejects(storage.write('site_1', '../../etc', new Uint8Array(1)), /Unsafe/);
  assert.throws(() => storage.read('../outside'), /escapes/);
});

test('Content-Disposition has an ASCII fallback and an RFC 5987 UTF-8 name', () => {
  assert.equal(contentDisposition('attachment', 'report.pdf'), `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  assert.equal(contentDisposition('inline', 'ünï "x";.png'), `inline; filename="_n_ _x__.png"; filename*=UTF-8''%C3%BCn%C3%AF%20%22x%22%3B.png`);
});
