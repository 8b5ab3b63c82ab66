import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { storeSuite } from '../store.suite.ts';
import { seedPerson } from '../privacy.suite.ts';
import pg from 'pg';
import { createPostgresStore } from './index.ts';
import { MIGRATIONS, migrate } from './migrations.ts';

// PostgreSQL must be reachable (PARLEY_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test); it is in CI.
// Each store gets its own schema, dropped on close, so runs never see each other's rows.
const url = process.env.PARLEY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const freshSchema = () => `parley_test_${randomBytes(5).toString('hex')}`;

storeSuite(
  'postgres',
  async () => {
    const store = createPostgresStore({ connectionString: url, schema: freshSchema(), dropSchemaOnClose: true });
    await store.migrate();
    return store;
  },
  // Another node on the same database: its own pool (the schema is dropped by the first store's close).
  async (store) => createPostgresStore({ connectionString: url, schema: store.schema }),
);

describe('postgres only', () => {
  it('two stores (processes) on one database: cursors of a site follow commit order, seqs stay gap-free', async () => {
    const schema = freshSchema();
    const a = createPostgresStore({ connectionString: url, schema, maxBatch: 7 });
    const b = createPostgresStore({ connectionString: url, schema, dropSchemaOnClose: true });
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const site = await a.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
      const v = await a.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
      const first = await a.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c0', author: { kind: 'visitor', id: v.id }, text: 't', attachmentIds: [], note: false, at: 2 });
      const send = (s: typeof a, clientId: string) =>
        s.appendMessage({ siteId: site.id, conversationId: first.conversation.id, visitorId: v.id, clientId, author: { kind: 'visitor', id: v.id }, text: 't', attachmentIds: [], note: false, at: 3 });
      // the same client ids through both stores at once: one message each, the other answer is a duplicate
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => [send(a, `k${i}`), send(b, `k${i}`)]).flat());
      assert.equal(results.filter((r) => !r.duplicate).length, 60);
      const events = await b.eventsAfterCursor(site.id, 0, 1000);
      assert.deepEqual(events.map((e) => e.seq), Array.from({ length: 62 }, (_, i) => i + 1));
      assert.deepEqual(events.map((e) => e.cursor), Array.from({ length: 62 }, (_, i) => i + 1), 'per-site cursor: dense and in seq order');
    } finally {
      await a.close();
      await b.close(); // drops the schema even when an assertion failed
    }
  });

  it('reads asked in one turn share a query (read-batch.ts) and each caller gets its own answer', async () => {
    const store = createPostgresStore({ connectionString: url, schema: freshSchema(), dropSchemaOnClose: true });
    try {
      await store.migrate();
      const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
      const other = await store.createSite({ name: 'O', allowedOrigins: [], identitySecret: 's', settings: {} });
      const vs = await Promise.all([0, 1, 2, 3].map((i) => store.createVisitor({ siteId: site.id, label: `L${i}`, name: i === 1 ? 'Ada' : undefined, context: {}, at: 1 })));
      const open = await store.appendMessage({ siteId: site.id, visitorId: vs[0].id, clientId: 'c0', author: { kind: 'visitor', id: vs[0].id }, text: 't', attachmentIds: [], note: false, at: 2 });
      await store.addBlock({ siteId: site.id, kind: 'visitor', value: vs[2].id, createdBy: 'stf_x', createdAt: 3 });
      await store.addBlock({ siteId: site.id, kind: 'ip', value: '10.0.0.9', createdBy: 'stf_x', createdAt: 3 });
      await store.addBlock({ siteId: other.id, kind: 'visitor', value: vs[3].id, createdBy: 'stf_x', createdAt: 3 });
      const [targets, blocks] = await Promise.all([
        Promise.all([vs[0].id, vs[1].id, 'vis_unknown', vs[0].id].map((id) => store.visitorSendTarget(id))),
        Promise.all([
          store.findBlock(site.id, { visitorId: vs[0].id, ip: '10.0.0.1' }),
          store.findBlock(site.id, { visitorId: vs[2].id }),
          store.findBlock(site.id, { visitorId: vs[1].id, ip: '10.0.0.9' }),
          store.findBlock(site.id, { visitorId: vs[3].id }),
          store.findBlock(other.id, { visitorId: vs[3].id }),
        ]),
      ]);
      assert.deepEqual(targets, [
        { name: 'L0', openConversation: { id: open.conversation.id, status: 'open' } },
        { name: 'Ada', openConversation: null },
        null,
        { name: 'L0', openConversation: { id: open.conversation.id, status: 'open' } },
      ]);
      assert.deepEqual(blocks.map((b) => b && [b.siteId, b.kind, b.value]), [null, [site.id, 'visitor', vs[2].id], [site.id, 'ip', '10.0.0.9'], null, [other.id, 'visitor', vs[3].id]]);
    } finally {
      await store.close();
    }
  });

  it('migration 20 backfills each conversation\'s first staff reply (not a note) for reports', async () => {
    const schema = freshSchema();
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    const store = createPostgresStore({ connectionString: url, schema, dropSchemaOnClose: true });
    try {
      await migrate(pool, schema, MIGRATIONS.filter((m) => m.version <= 18));
      await pool.query(`
        INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1);
        INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) VALUES ('vis_a', 'site_a', 'L', 1, 1);
        INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, last_message_seq, last_visitor_seq, last_activity_at, created_at)
          VALUES ('cnv_a', 'site_a', 'vis_a', 'open', 5, 5, 2, 50, 10), ('cnv_b', 'site_a', 'vis_a', 'open', 3, 3, 2, 30, 20);
        INSERT INTO messages (id, site_id, conversation_id, seq, cursor, client_id, author_kind, author_id, text, note, created_at)
          VALUES ('msg_1', 'site_a', 'cnv_a', 2, 1, 'c1', 'visitor', 'vis_a', 'hello', false, 10),
                 ('msg_2', 'site_a', 'cnv_a', 3, 2, 'c2', 'staff', 'stf_a', 'a note', true, 20),
                 ('msg_3', 'site_a', 'cnv_a', 4, 3, 'c3', 'staff', 'stf_b', 'the reply', false, 40),
                 ('msg_4', 'site_a', 'cnv_a', 5, 4, 'c4', 'staff', 'stf_a', 'another', false, 50),
                 ('msg_5', 'site_a', 'cnv_b', 2, 5, 'c5', 'visitor', 'vis_a', 'hi', false, 20),
                 ('msg_6', 'site_a', 'cnv_b', 3, 6, 'c6', 'staff', 'stf_a', 'only a note', true, 30);`);
      await store.migrate();
      const rows = await store.reportRows({ siteId: 'site_a', from: 0, to: 100, tzOffset: 0 });
      assert.deepEqual(rows.firstResponse.map((r) => [r.staffId, Number(r.ms), Number(r.n)]).sort(), [[null, 30, 1], ['stf_b', 30, 1]].sort());
    } finally {
      await pool.end();
      await store.close();
    }
  });

  it('migrate is idempotent', async () => {
    const store = createPostgresStore({ connectionString: url, schema: freshSchema(), dropSchemaOnClose: true });
    await store.migrate();
    await store.migrate();
    await store.ping();
    await store.close();
  });

  it('after erasure no row of any table of the schema holds the text', async () => {
    const schema = freshSchema();
    const store = createPostgresStore({ connectionString: url, schema, dropSchemaOnClose: true });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await store.migrate();
      const tables = (await admin.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = $2', [schema, 'BASE TABLE'])).rows.map((r) => r.table_name as string);
      /** Tables with a row whose text (every column, as the row's text form) contains the marker. */
      const holding = async (marker: string) => {
        const found: string[] = [];
        for (const t of tables) if ((await admin.query(`SELECT 1 FROM "${schema}"."${t}" x WHERE x::text LIKE $1 LIMIT 1`, [`%${marker}%`])).rowCount) found.push(t);
        return found.sort();
      };
      for (const tombstone of [false, true]) {
        const marker = `zq${randomBytes(4).toString('hex')}zq`;
        const p = await seedPerson(store, marker);
        assert.ok((await holding(marker)).length >= 5, 'the marker is in several tables before');
        await store.eraseVisitor({ siteId: p.s.id, visitorId: p.person.id, tombstone, at: 50 });
        assert.deepEqual(await holding(marker), [], tombstone ? 'tombstone' : 'deleted');
        assert.equal((await store.searchMessages(p.s.id, 'Not part of it', 10)).length, 1);
      }
    } finally {
      await admin.end();
      await store.close();
    }
  });
});
