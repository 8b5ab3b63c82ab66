import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createSqliteStore } from '../store/sqlite/index.ts';
import { createAttachmentStorage } from './storage.ts';
import { startAttachmentSweeper } from './sweeper.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-sweeper-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a sweep removes every expired unsent upload, batch after batch, records and files', async () => {
  const store = createSqliteStore({ file: join(dir, 'parley.db') });
  await store.migrate();
  const storage = createAttachmentStorage(dir);
  const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
  const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
  let now = 10_000;
  const paths: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = `att_old${i}`;
    const storagePath = await storage.write(site.id, id, new Uint8Array([1, 2, 3]));
    paths.push(storagePath);
    await store.createAttachment({ id, siteId: site.id, conversationId: null, uploader: { kind: 'visitor', id: v.id }, name: 'a', size: 3, type: 'text/plain', url: `/x/${id}`, storagePath, createdAt: 1_000 + i });
  }
  const fresh = await storage.write(site.id, 'att_new', new Uint8Array([4]));
  await store.createAttachment({ id: 'att_new', siteId: site.id, conversationId: null, uploader: { kind: 'visitor', id: v.id }, name: 'b', size: 1, type: 'text/plain', url: '/x/att_new', storagePath: fresh, createdAt: 9_500 });

  const errors: unknown[] = [];
  const sweeper = startAttachmentSweeper({ store, removeFile: (p) => storage.remove(p), maxAgeMs: 1_000, intervalMs: 60_000, now: () => now, onError: (e) => errors.push(e), batch: 2 });
  assert.equal(await sweeper.sweep(), 5, 'three batches of at most two');
  for (const p of paths) assert.equal(existsSync(join(dir, p)), false);
  assert.equal(existsSync(join(dir, fresh)), true, 'younger than the limit');
  now = 20_000;
  assert.equal(await sweeper.sweep(), 1);
  assert.equal(existsSync(join(dir, fresh)), false);
  await sweeper.stop();
  assert.deepEqual(errors, []);
  await store.close();
});

test('a file that cannot be removed is reported and the others are still removed', async () => {
  const store = createSqliteStore({ file: join(dir, 'second.db') });
  await store.migrate();
  const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
  const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
  for (let i = 0; i < 3; i++) {
    await store.createAttachment({ id: `att_f${i}`, siteId: site.id, conversationId: null, uploader: { kind: 'visitor', id: v.id }, name: 'a', size: 1, type: 'text/plain', url: `/x/${i}`, storagePath: `attachments/${site.id}/att_f${i}`, createdAt: 1 });
  }
  const removed: string[] = [];
  const errors: unknown[] = [];
  const sweeper = startAttachmentSweeper({
    store,
    removeFile: async (p) => {
      if (p.endsWith('att_f0')) throw new Error('EACCES');
      removed.push(p);
    },
    maxAgeMs: 0,
    intervalMs: 0, // off: only explicit sweeps
    now: () => 10,
    onError: (e) => errors.push(e),
  });
  assert.equal(await sweeper.sweep(), 3);
  assert.deepEqual(removed.sort(), [`attachments/${site.id}/att_f1`, `attachments/${site.id}/att_f2`]);
  assert.equal(errors.length, 1);
  await sweeper.stop();
  await store.close();
});
