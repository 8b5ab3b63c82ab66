import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LAST_ADMIN } from '../admin-rules.ts';
import { createSqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-last-admin-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('another process demotes the other admin while holding the write lock: the demotion waits, then counts what it committed', async () => {
  const file = join(dir, 'parley.db');
  const store = createSqliteStore({ file });
  await store.migrate();
  const s = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
  const admin = (email: string) => store.createStaff({ siteId: s.id, email, name: email, role: 'admin', passwordHash: 'x' });
  const [a, b] = [await admin('a@example.com'), await admin('b@example.com')];
  // The other process: b demoted inside a transaction that holds the lock and has not committed yet.
  const other = new Database(file);
  try {
    other.exec('BEGIN IMMEDIATE');
    other.prepare("UPDATE staff SET role = 'agent' WHERE id = ?").run(b.id);
    let settled = false;
    const demoting = store.updateStaff(a.id, { role: 'agent' }).finally(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, 'waits for the lock (its first try ran at the call and found it taken)');
    other.exec('COMMIT');
    assert.equal(await demoting, LAST_ADMIN, 'b is no admin any more, so a is the last one');
    assert.deepEqual([(await store.getStaff(a.id))?.role, (await store.getStaff(b.id))?.role], ['admin', 'agent']);
  } finally {
    other.close();
    await store.close();
  }
});
