import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { addressKey } from './address-key.ts';
import { createPostgresStore } from './postgres/index.ts';
import { MIGRATIONS as PG_MIGRATIONS, migrate as migratePg } from './postgres/migrations.ts';
import { createSqliteStore } from './sqlite/index.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS, migrate as migrateSqlite } from './sqlite/migrations.ts';

/**
 * The migration that keeps unsubscribed addresses (SQLite 28, PostgreSQL 25): a visitor who
 * unsubscribed before it has their address on the suppression list after it, keyed exactly as the
 * code keys it (address-key.ts), so both stores find it with the same key.
 */
const SEED = `
  INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1);
  INSERT INTO visitors (id, site_id, label, email, first_seen_at, last_seen_at) VALUES
    ('vis_out', 'site_a', 'L', ' Kim.Lee@Example.com ', 1, 1), ('vis_in', 'site_a', 'M', 'sam@example.com', 1, 1), ('vis_none', 'site_a', 'N', NULL, 1, 1);
  INSERT INTO email_optouts (kind, id, site_id, created_at) VALUES ('visitor', 'vis_out', 'site_a', 5), ('visitor', 'vis_none', 'site_a', 6), ('staff', 'stf_a', 'site_a', 7);`;

async function expectBackfilled(store: { emailAddressOptedOut(siteId: string, key: string): Promise<boolean>; close(): Promise<void> }) {
  assert.equal(await store.emailAddressOptedOut('site_a', addressKey('kim.lee@example.com')), true, 'the unsubscribed visitor\'s address');
  assert.equal(await store.emailAddressOptedOut('site_a', addressKey('sam@example.com')), false, 'not one who did not unsubscribe');
  assert.equal(await store.emailAddressOptedOut('site_b', addressKey('kim.lee@example.com')), false, 'per site');
}

describe('migration: unsubscribed addresses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-optout-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite', async () => {
    const file = join(dir, 'parley.db');
    const db = new Database(file);
    migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 27));
    db.exec(SEED);
    db.close();
    const store = createSqliteStore({ file });
    await store.migrate();
    try {
      await expectBackfilled(store);
    } finally {
      await store.close();
    }
  });

  it('PostgreSQL', async () => {
    const url = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `parley_test_${randomBytes(5).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    const store = createPostgresStore({ connectionString: url, schema, dropSchemaOnClose: true });
    try {
      await migratePg(pool, schema, PG_MIGRATIONS.filter((m) => m.version <= 24));
      await pool.query(SEED);
      await store.migrate();
      await expectBackfilled(store);
    } finally {
      await pool.end();
      await store.close();
    }
  });
});
