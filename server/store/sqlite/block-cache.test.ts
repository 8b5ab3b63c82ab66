import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from './index.ts';

// The SQLite store keeps each site's blocks in memory once asked (blocks.ts): these check that every way a
// block can change is seen by the next findBlock, once the cache has been filled.
const dir = mkdtempSync(join(tmpdir(), 'parley-block-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(dir, `db-${++n}`, 'parley.db');
const nextTurn = () => new Promise((r) => setImmediate(r));

async function storeWithVisitor() {
  const file = freshFile();
  const store = createSqliteStore({ file });
  await store.migrate();
  const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
  const visitor = await store.createVisitor({ siteId: site.id, label: 'Blue Otter', context: {}, at: 1 });
  return { file, store, site, visitor };
}

describe('sqlite block cache', () => {
  it('a block added or removed through the store is seen by the next check of a site already cached', async () => {
    const { store, site, visitor } = await storeWithVisitor();
    assert.equal(await store.findBlock(site.id, { visitorId: visitor.id, ip: '203.0.113.9' }), null, 'fills the cache with none');
    const b = await store.addBlock({ siteId: site.id, kind: 'ip', value: '203.0.113.9', createdBy: 'stf_x', createdAt: 2 });
    assert.deepEqual(await store.findBlock(site.id, { visitorId: visitor.id, ip: '203.0.113.9' }), b);
    assert.equal(await store.removeBlock(site.id, b.id), true);
    assert.equal(await store.findBlock(site.id, { ip: '203.0.113.9' }), null);
    await store.close();
  });

  it('a visitor block dropped by an erasure is no longer found', async () => {
    const { store, site, visitor } = await storeWithVisitor();
    const b = await store.addBlock({ siteId: site.id, kind: 'visitor', value: visitor.id, createdBy: 'stf_x', createdAt: 2 });
    assert.deepEqual(await store.findBlock(site.id, { visitorId: visitor.id }), b);
    await store.eraseVisitor({ siteId: site.id, visitorId: visitor.id, tombstone: false, at: 3 });
    assert.equal(await store.findBlock(site.id, { visitorId: visitor.id }), null);
    await store.close();
  });

  it('blocks written or deleted by another connection (the CLI, another process) are seen from the next event-loop turn', async () => {
    const { file, store, site, visitor } = await storeWithVisitor();
    assert.equal(await store.findBlock(site.id, { visitorId: visitor.id }), null, 'fills the cache with none');
    const cli = new Database(file);
    cli.prepare('INSERT INTO blocks (id, site_id, kind, value, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run('blk_cli', site.id, 'visitor', visitor.id, 'stf_cli', 5);
    await nextTurn();
    assert.equal((await store.findBlock(site.id, { visitorId: visitor.id }))?.id, 'blk_cli');
    cli.prepare('DELETE FROM blocks WHERE id = ?').run('blk_cli');
    cli.close();
    await nextTurn();
    assert.equal(await store.findBlock(site.id, { visitorId: visitor.id }), null);
    await store.close();
  });

  it("a block written by another connection just after a group commit is seen from the next turn, though the commit's check stood for its own turn", async () => {
    const { file, store, site, visitor } = await storeWithVisitor();
    assert.equal(await store.findBlock(site.id, { visitorId: visitor.id }), null, 'fills the cache with none');
    const cli = new Database(file);
    const append = (clientId: string) =>
      store.appendMessage({ siteId: site.id, visitorId: visitor.id, clientId, author: { kind: 'visitor', id: visitor.id }, text: 'hi', attachmentIds: [], note: false, at: 3 });
    await append('c1');
    // Still the commit's turn: the CLI blocks the visitor right after our COMMIT.
    cli.prepare('INSERT INTO blocks (id, site_id, kind, value, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run('blk_cli', site.id, 'visitor', visitor.id, 'stf_cli', 5);
    await nextTurn();
    assert.equal((await store.findBlock(site.id, { visitorId: visitor.id }))?.id, 'blk_cli');
    cli.close();
    await store.close();
  });
});
