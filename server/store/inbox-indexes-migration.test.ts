import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from './sqlite/index.ts';
import { MIGRATIONS, migrate } from './sqlite/migrations.ts';

/**
 * SQLite migration 29 (the inbox indexes only one of which moves with each message): a database from
 * before it upgrades, the three inbox indexes over last_activity_at give way to the unresolved and
 * resolved ones, and its existing conversations list as before, in every view that reads the new ones.
 */
const SEED = `
  INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1);
  INSERT INTO staff (id, site_id, email, name, role, password_hash, created_at) VALUES ('stf_a', 'site_a', 'a@x.io', 'A', 'agent', 'x', 1);
  INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) VALUES ('vis_a', 'site_a', 'L', 1, 1);
  INSERT INTO conversations (id, site_id, visitor_id, status, assignee_id, priority, last_activity_at, created_at) VALUES
    ('cnv_1', 'site_a', 'vis_a', 'resolved', 'stf_a', 4, 10, 1),
    ('cnv_2', 'site_a', 'vis_a', 'open', 'stf_a', 0, 20, 2),
    ('cnv_3', 'site_a', 'vis_a', 'resolved', NULL, 0, 30, 3),
    ('cnv_4', 'site_a', 'vis_a', 'pending', 'stf_a', 4, 40, 4),
    ('cnv_5', 'site_a', 'vis_a', 'resolved', 'stf_a', 0, 50, 5);`;

describe('migration: inbox indexes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-inbox-indexes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite', async () => {
    const file = join(dir, 'parley.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 28));
    db.exec(SEED);
    db.close();
    const store = createSqliteStore({ file });
    await store.migrate();
    try {
      const check = new Database(file, { readonly: true });
      const names = (check.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'conversations' AND name LIKE 'conversations_%'`).pluck().all() as string[]).sort();
      check.close();
      for (const gone of ['conversations_inbox_status', 'conversations_inbox_assignee', 'conversations_inbox_priority']) assert.ok(!names.includes(gone), gone);
      for (const kept of ['conversations_inbox', 'conversations_unresolved', 'conversations_resolved', 'conversations_resolved_assignee', 'conversations_resolved_priority']) assert.ok(names.includes(kept), kept);
      const ids = async (q: Record<string, unknown>) =>
        (await store.listInbox({ siteId: 'site_a', staffId: 'stf_a', limit: 50, ...q })).items.map((r) => r.conversation.id);
      assert.deepEqual(await ids({}), ['cnv_5', 'cnv_4', 'cnv_3', 'cnv_2', 'cnv_1']);
      assert.deepEqual(await ids({ assignee: 'me' }), ['cnv_5', 'cnv_4', 'cnv_2', 'cnv_1']);
      assert.deepEqual(await ids({ sort: 'priority' }), ['cnv_4', 'cnv_1', 'cnv_5', 'cnv_3', 'cnv_2']);
      assert.deepEqual(await ids({ status: 'resolved', assignee: 'me' }), ['cnv_5', 'cnv_1']);
      assert.deepEqual(await ids({ status: 'open' }), ['cnv_2']);
    } finally {
      await store.close();
    }
  });
});
