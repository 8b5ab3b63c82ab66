import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { storeSuite } from '../store.suite.ts';
import { seedPerson } from '../privacy.suite.ts';
import { existsSync, readFileSync } from 'node:fs';
import { createSqliteStore } from './index.ts';
import { MIGRATIONS, migrate } from './migrations.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(dir, `db-${++n}`, 'parley.db');
const randomMarker = () => Math.random().toString(36).slice(2, 10);

storeSuite(
  'sqlite',
  async () => {
    const store = createSqliteStore({ file: freshFile() });
    await store.migrate();
    return store;
  },
  // Another process on the same file: its own connection, so writers meet at SQLite's write lock.
  async (store) => createSqliteStore({ file: store.file }),
);

describe('sqlite only', () => {
  it('opens in WAL mode with foreign keys on', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.migrate();
    const other = new Database(file, { readonly: true });
    assert.equal(other.pragma('journal_mode', { simple: true }), 'wal');
    other.close();
    await store.close();
  });

  it('migrations are recorded once and re-running them changes nothing', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.migrate();
    await store.migrate();
    await store.close();
    const db = new Database(file);
    assert.deepEqual(migrate(db), []);
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('an acknowledged append is committed: another connection sees it before anything else happens', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const reader = new Database(file, { readonly: true });
    const count = () => (reader.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
    const pending = Array.from({ length: 50 }, (_, i) =>
      store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: `c${i}`, author: { kind: 'visitor', id: v.id }, text: 't', attachmentIds: [], note: false, at: 2 }),
    );
    assert.equal(count(), 0, 'nothing is visible before the group commit');
    const first = await pending[0];
    assert.ok(first.message.seq >= 2);
    assert.equal(count(), 50, 'the whole batch committed before the first promise resolved');
    await Promise.all(pending);
    reader.close();
    await store.close();
  });

  it('an engine error inside a group commit fails only its own append (savepoint replay)', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const first = await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c0', author: { kind: 'visitor', id: v.id }, text: 'ok', attachmentIds: [], note: false, at: 2 });
    // A failure the read-only checks cannot foresee: the engine refuses one row during the write phase.
    const other = new Database(file);
    other.exec(`CREATE TRIGGER explode BEFORE INSERT ON messages WHEN new.text = 'explode' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    other.close();
    const send = (clientId: string, text: string) =>
      store.appendMessage({ siteId: site.id, conversationId: first.conversation.id, visitorId: v.id, clientId, author: { kind: 'visitor', id: v.id }, text, attachmentIds: [], note: false, at: 3 });
    const results = await Promise.allSettled([send('a', 'one'), send('b', 'explode'), send('c', 'two')]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    const events = await store.eventsAfterSeq(first.conversation.id, 0, 100, false);
    assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 4], 'gap-free: the failed append left no seq behind');
    await store.close();
  });

  it('reopens a closed file with every record intact', async () => {
    const file = freshFile();
    const a = createSqliteStore({ file });
    await a.migrate();
    const site = await a.createSite({ name: 'Persist', allowedOrigins: [], identitySecret: 's', settings: {} });
    const v = await a.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const opened = await a.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c0', author: { kind: 'visitor', id: v.id }, text: 'persisted 0', attachmentIds: [], note: false, at: 2 });
    const sent = await Promise.all(
      Array.from({ length: 19 }, (_, j) => j + 1).map((i) =>
        a.appendMessage({ siteId: site.id, conversationId: opened.conversation.id, visitorId: v.id, clientId: `c${i}`, author: { kind: 'visitor', id: v.id }, text: `persisted ${i}`, attachmentIds: [], note: false, at: 2 }),
      ),
    );
    const convId = opened.conversation.id;
    assert.equal(sent.length, 19);
    // appends queued right before close are still committed by close()
    const late = a.appendMessage({ siteId: site.id, conversationId: convId, visitorId: v.id, clientId: 'late', author: { kind: 'visitor', id: v.id }, text: 'late one', attachmentIds: [], note: false, at: 3 });
    await a.close();
    assert.equal((await late).duplicate, false);
    await assert.rejects(a.appendMessage({ siteId: site.id, conversationId: convId, visitorId: v.id, clientId: 'after', author: { kind: 'visitor', id: v.id }, text: 'x', attachmentIds: [], note: false, at: 4 }), { code: 'shutting_down' });

    const b = createSqliteStore({ file });
    await b.migrate();
    assert.equal((await b.getSite(site.id))?.name, 'Persist');
    const h = await b.history(convId, { limit: 100, includeNotes: true });
    assert.equal(h.messages.length, 21);
    assert.equal((await b.getConversation(convId))?.lastSeq, 22);
    assert.equal((await b.searchMessages(site.id, 'persisted', 50)).length, 20);
    const next = await b.appendMessage({ siteId: site.id, conversationId: convId, visitorId: v.id, clientId: 'again', author: { kind: 'visitor', id: v.id }, text: 'x', attachmentIds: [], note: false, at: 5 });
    assert.equal(next.message.seq, 23);
    const dup = await b.appendMessage({ siteId: site.id, conversationId: convId, visitorId: v.id, clientId: 'c3', author: { kind: 'visitor', id: v.id }, text: 'x', attachmentIds: [], note: false, at: 5 });
    assert.equal(dup.duplicate, true, 'idempotency survives a restart');
    await b.close();
  });

  it('one cursor sequence across message rows and events rows: appends, mutations and appends again stay in commit order', async () => {
    const store = createSqliteStore({ file: freshFile() });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const first = await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c0', author: { kind: 'visitor', id: v.id }, text: 'one', attachmentIds: [], note: false, at: 2 });
    const conv = first.conversation.id;
    const send = (clientId: string) =>
      store.appendMessage({ siteId: site.id, conversationId: conv, visitorId: v.id, clientId, author: { kind: 'visitor', id: v.id }, text: clientId, attachmentIds: [], note: false, at: 3 });
    await Promise.all([send('a'), send('b')]);
    const read = await store.moveReadCursor({ conversationId: conv, reader: { kind: 'visitor', id: v.id }, upTo: 3, at: 4 });
    const [c] = await Promise.all([send('c')]);
    const status = await store.updateConversation({ conversationId: conv, changes: { status: 'resolved' }, by: { kind: 'visitor', id: v.id }, at: 5 });
    const d = await send('d');
    const all = await store.eventsAfterCursor(site.id, 0, 100);
    assert.deepEqual(all.map((e) => e.kind), ['conversation.created', 'message.created', 'message.created', 'message.created', 'read.moved', 'message.created', 'conversation.updated', 'message.created']);
    assert.deepEqual(all.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
    for (let i = 1; i < all.length; i++) assert.ok(all[i].cursor > all[i - 1].cursor, 'cursor grows in commit order');
    assert.equal(all[4].cursor, read?.cursor);
    assert.equal(all[5].cursor, c.events[0].cursor);
    assert.equal(all[6].cursor, status?.cursor);
    assert.equal(await store.latestCursor(site.id), d.events[0].cursor);
    assert.deepEqual((await store.eventsAfterCursor(site.id, all[3].cursor, 2)).map((e) => e.seq), [5, 6], 'a page stops at its limit across both tables');
    assert.deepEqual((await store.eventsAfterSeq(conv, 3, 3, false)).map((e) => e.seq), [4, 5, 6]);
    await store.close();
    const again = createSqliteStore({ file: store.file });
    await again.migrate();
    const e = await again.moveReadCursor({ conversationId: conv, reader: { kind: 'visitor', id: v.id }, upTo: 8, at: 6 });
    assert.ok(e && e.cursor > d.events[0].cursor, 'the counter survives a restart');
    await again.close();
  });

  it('migrates a database whose message.created events were copies in the events table', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
    db.exec(`INSERT INTO sites VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1);
      INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) VALUES ('vis_a', 'site_a', 'L', 1, 1);
      INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, last_message_seq, last_visitor_seq, last_activity_at, created_at)
        VALUES ('cnv_a', 'site_a', 'vis_a', 'open', 3, 3, 2, 3, 1);
      INSERT INTO messages (id, site_id, conversation_id, seq, client_id, author_kind, author_id, text, note, created_at)
        VALUES ('msg_1', 'site_a', 'cnv_a', 2, 'c1', 'visitor', 'vis_a', 'old words', 0, 2),
               ('msg_2', 'site_a', 'cnv_a', 3, 'c2', 'staff', 'stf_a', 'a note', 1, 3);
      INSERT INTO messages_fts (rowid, text) SELECT pk, text FROM messages;`);
    const ins = db.prepare('INSERT INTO events (site_id, conversation_id, seq, kind, payload, visitor_visible, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const conversation = { id: 'cnv_a', siteId: 'site_a', visitorId: 'vis_a', status: 'open', assigneeId: null, lastSeq: 1, lastActivityAt: 1, createdAt: 1, snoozedUntil: null, reads: [] };
    ins.run('site_a', 'cnv_a', 1, 'conversation.created', JSON.stringify({ kind: 'conversation.created', conversationId: 'cnv_a', seq: 1, cursor: 0, conversation }), 1, 1);
    for (const [seq, id, text, note, author] of [[2, 'msg_1', 'old words', false, { kind: 'visitor', id: 'vis_a' }], [3, 'msg_2', 'a note', true, { kind: 'staff', id: 'stf_a' }]] as const) {
      const message = { id, conversationId: 'cnv_a', seq, clientId: `c${seq - 1}`, author, text, attachments: [], note, deleted: false, createdAt: seq };
      ins.run('site_a', 'cnv_a', seq, 'message.created', JSON.stringify({ kind: 'message.created', conversationId: 'cnv_a', seq, cursor: 0, message }), note ? 0 : 1, seq);
    }
    db.close();

    const store = createSqliteStore({ file });
    await store.migrate();
    const all = await store.eventsAfterSeq('cnv_a', 0, 10, false);
    assert.deepEqual(all.map((e) => [e.kind, e.seq, e.cursor]), [['conversation.created', 1, 1], ['message.created', 2, 2], ['message.created', 3, 3]]);
    const m = all[1];
    assert.ok(m.kind === 'message.created' && m.message.text === 'old words' && m.message.id === 'msg_1');
    assert.deepEqual((await store.eventsAfterSeq('cnv_a', 0, 10, true)).map((e) => e.seq), [1, 2], 'the note stays hidden from the visitor');
    const next = await store.appendMessage({ siteId: 'site_a', conversationId: 'cnv_a', visitorId: 'vis_a', clientId: 'c3', author: { kind: 'visitor', id: 'vis_a' }, text: 'new words', attachmentIds: [], note: false, at: 4 });
    assert.equal(next.message.seq, 4);
    assert.equal(next.events[0].cursor, 4);
    assert.equal((await store.appendMessage({ siteId: 'site_a', conversationId: 'cnv_a', visitorId: 'vis_a', clientId: 'c1', author: { kind: 'visitor', id: 'vis_a' }, text: 'old words', attachmentIds: [], note: false, at: 5 })).duplicate, true);
    assert.equal((await store.searchMessages('site_a', 'words', 10)).length, 2);
    assert.deepEqual(await store.unreadForStaff('site_a', 'stf_x'), { cnv_a: 2 }, 'unread counters backfilled');
    await store.close();
  });

  it('migration 24 backfills each conversation\'s first staff reply (not a note) for reports', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 22));
    db.exec(`INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at) VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1);
      INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) VALUES ('vis_a', 'site_a', 'L', 1, 1);
      INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, last_message_seq, last_visitor_seq, last_activity_at, created_at)
        VALUES ('cnv_a', 'site_a', 'vis_a', 'open', 5, 5, 2, 50, 10), ('cnv_b', 'site_a', 'vis_a', 'open', 3, 3, 2, 30, 20);
      INSERT INTO messages (id, site_id, conversation_id, seq, cursor, client_id, author_kind, author_id, text, note, created_at)
        VALUES ('msg_1', 'site_a', 'cnv_a', 2, 1, 'c1', 'visitor', 'vis_a', 'hello', 0, 10),
               ('msg_2', 'site_a', 'cnv_a', 3, 2, 'c2', 'staff', 'stf_a', 'a note', 1, 20),
               ('msg_3', 'site_a', 'cnv_a', 4, 3, 'c3', 'staff', 'stf_b', 'the reply', 0, 40),
               ('msg_4', 'site_a', 'cnv_a', 5, 4, 'c4', 'staff', 'stf_a', 'another', 0, 50),
               ('msg_5', 'site_a', 'cnv_b', 2, 5, 'c5', 'visitor', 'vis_a', 'hi', 0, 20),
               ('msg_6', 'site_a', 'cnv_b', 3, 6, 'c6', 'staff', 'stf_a', 'only a note', 1, 30);`);
    db.close();
    const store = createSqliteStore({ file });
    await store.migrate();
    const rows = await store.reportRows({ siteId: 'site_a', from: 0, to: 100, tzOffset: 0 });
    assert.deepEqual(rows.firstResponse.map((r) => [r.staffId, Number(r.ms), Number(r.n)]).sort(), [[null, 30, 1], ['stf_b', 30, 1]].sort());
    assert.deepEqual(rows.openedByDay.map((r) => Number(r.n)), [2]);
    await store.close();
  });

  it('migrates cursors shared by all sites into one dense counter per site, keeping the cursors clients hold', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
    // Before version 7 two sites took turns on one counter, so each site's cursors have gaps.
    db.exec(`INSERT INTO sites VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1), ('site_b', 'pk_b', 'B', '[]', 's', '{}', 1);
      INSERT INTO visitors (id, site_id, label, first_seen_at, last_seen_at) VALUES ('vis_a', 'site_a', 'L', 1, 1), ('vis_b', 'site_b', 'L', 1, 1);
      INSERT INTO conversations (id, site_id, visitor_id, status, last_seq, last_message_seq, last_visitor_seq, last_activity_at, created_at)
        VALUES ('cnv_a', 'site_a', 'vis_a', 'open', 3, 3, 2, 3, 1), ('cnv_b', 'site_b', 'vis_b', 'open', 2, 2, 2, 3, 1);
      INSERT INTO messages (id, site_id, conversation_id, seq, cursor, client_id, author_kind, author_id, text, note, created_at)
        VALUES ('msg_a1', 'site_a', 'cnv_a', 2, 3, 'c1', 'visitor', 'vis_a', 'a1', 0, 2),
               ('msg_a2', 'site_a', 'cnv_a', 3, 5, 'c2', 'staff', 'stf_a', 'note', 1, 3),
               ('msg_b1', 'site_b', 'cnv_b', 2, 4, 'c1', 'visitor', 'vis_b', 'b1', 0, 2);
      UPDATE search_index_state SET indexed_upto = 0;`);
    const ins = db.prepare('INSERT INTO events (site_id, conversation_id, seq, kind, payload, visitor_visible, created_at) VALUES (?, ?, 1, ?, ?, 1, 1)');
    for (const [site, conv] of [['site_a', 'cnv_a'], ['site_b', 'cnv_b']]) {
      const conversation = { id: conv, siteId: site, visitorId: 'v', status: 'open', assigneeId: null, lastSeq: 1, lastActivityAt: 1, createdAt: 1, snoozedUntil: null, reads: [] };
      ins.run(site, conv, 'conversation.created', JSON.stringify({ kind: 'conversation.created', conversationId: conv, seq: 1, cursor: 0, conversation }));
    }
    db.prepare(`UPDATE sqlite_sequence SET seq = 5 WHERE name = 'events'`).run();
    db.close();

    const store = createSqliteStore({ file });
    await store.migrate();
    assert.deepEqual((await store.eventsAfterCursor('site_a', 0, 10)).map((e) => e.cursor), [1, 3, 5], 'cursors clients hold keep their meaning');
    assert.deepEqual((await store.eventsAfterCursor('site_b', 0, 10)).map((e) => e.cursor), [2, 4]);
    assert.deepEqual(await store.latestCursors(['site_a', 'site_b']), { site_a: 5, site_b: 4 });
    const a = await store.appendMessage({ siteId: 'site_a', conversationId: 'cnv_a', visitorId: 'vis_a', clientId: 'c3', author: { kind: 'visitor', id: 'vis_a' }, text: 'new', attachmentIds: [], note: false, at: 4 });
    const b = await store.appendMessage({ siteId: 'site_b', conversationId: 'cnv_b', visitorId: 'vis_b', clientId: 'c3', author: { kind: 'visitor', id: 'vis_b' }, text: 'new', attachmentIds: [], note: false, at: 4 });
    assert.equal(a.events[0].cursor, 6, 'dense from here on, per site');
    assert.equal(b.events[0].cursor, 5);
    assert.equal(a.events[0].prevVisibleSeq, 2, 'the visible counter skips the old note');
    assert.deepEqual((await store.eventsAfterSeq('cnv_a', 0, 10, true)).map((e) => e.prevVisibleSeq), [undefined, undefined, 2], 'old rows carry none');
    await store.close();
  });

  it('migration 18 gives each email one password (its oldest membership\'s), migration 25 keeps the first admin as server owner', async () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 17));
    // Before 18, one email on three sites could have three passwords, and the password picked the site.
    db.exec(`INSERT INTO sites (id, key, name, allowed_origins, identity_secret, settings, created_at)
        VALUES ('site_a', 'pk_a', 'A', '[]', 's', '{}', 1), ('site_b', 'pk_b', 'B', '[]', 's', '{}', 1), ('site_c', 'pk_c', 'C', '[]', 's', '{}', 1);
      INSERT INTO staff (id, site_id, email, name, role, password_hash, created_at) VALUES
        ('stf_b', 'site_b', 'sam@example.com', 'Sam', 'agent', 'hash-b', 20),
        ('stf_a', 'site_a', 'Sam@Example.com', 'Sam', 'admin', 'hash-a', 10),
        ('stf_c', 'site_c', 'sam@example.com', 'Sam', 'agent', 'hash-c', 30),
        ('stf_o', 'site_c', 'other@example.com', 'Other', 'admin', 'hash-o', 5),
        ('stf_x', 'site_a', 'ann@example.com', 'Ann', 'agent', 'hash-x', 1);`);
    db.close();
    const store = createSqliteStore({ file });
    await store.migrate();
    const hashes = Object.fromEntries(await Promise.all(['stf_a', 'stf_b', 'stf_c', 'stf_o', 'stf_x'].map(async (id) => [id, (await store.getStaff(id))!.passwordHash])));
    assert.deepEqual(hashes, { stf_a: 'hash-a', stf_b: 'hash-a', stf_c: 'hash-a', stf_o: 'hash-o', stf_x: 'hash-x' }, 'the oldest membership\'s password opens all of them; other people keep theirs');
    assert.deepEqual(await store.listServerOwners(), ['other@example.com'], 'the owner as derived until now (the oldest admin) is kept');
    await store.createStaff({ siteId: 'site_b', email: 'new-admin@example.com', name: 'N', role: 'admin', passwordHash: 'h' });
    assert.deepEqual(await store.listServerOwners(), ['other@example.com'], 'a later admin is no owner');
    await store.close();
  });

  it('unread counters agree with a recount after appends, reads and deletions in any order', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const agents = [await store.createStaff({ siteId: site.id, email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'x' }), await store.createStaff({ siteId: site.id, email: 'b@x.io', name: 'B', role: 'agent', passwordHash: 'x' })];
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const first = await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c0', author: { kind: 'visitor', id: v.id }, text: 't', attachmentIds: [], note: false, at: 2 });
    const conv = first.conversation.id;
    const ids: string[] = [first.message.id];
    let rnd = 7;
    const next = (n: number) => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) % n);
    for (let step = 0; step < 120; step++) {
      const op = next(10);
      if (op < 6) {
        const byStaff = next(3) === 0;
        const r = await store.appendMessage({ siteId: site.id, conversationId: conv, visitorId: v.id, clientId: `c${step}`, author: byStaff ? { kind: 'staff', id: agents[0].id } : { kind: 'visitor', id: v.id }, text: 't', attachmentIds: [], note: byStaff && next(2) === 0, at: 3 + step });
        ids.push(r.message.id);
      } else if (op < 8) {
        const seq = (await store.getConversation(conv))!.lastSeq;
        await store.moveReadCursor({ conversationId: conv, reader: { kind: 'staff', id: agents[next(2)].id }, upTo: 1 + next(seq), at: 3 + step });
      } else {
        await store.deleteMessage({ conversationId: conv, messageId: ids[next(ids.length)], by: { kind: 'staff', id: agents[0].id }, at: 3 + step });
      }
    }
    const reader = new Database(file, { readonly: true });
    for (const a of agents) {
      const cursor = (reader.prepare(`SELECT seq FROM read_cursors WHERE conversation_id = ? AND reader_kind = 'staff' AND reader_id = ?`).pluck().get(conv, a.id) as number | undefined) ?? 0;
      const recount = reader.prepare(`SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND seq > ? AND author_kind = 'visitor' AND deleted = 0`).pluck().get(conv, cursor) as number;
      assert.deepEqual(await store.unreadForStaff(site.id, a.id), recount > 0 ? { [conv]: recount } : {});
      const inbox = await store.listInbox({ siteId: site.id, staffId: a.id, limit: 10 });
      assert.equal(inbox.items[0].unread, recount);
    }
    reader.close();
    await store.close();
  });
  it('search follows the messages table: found at once, found after deletion never, the index stays consistent', async () => {
    const file = freshFile();
    // A long interval: only catch-up on read (and on close) can index anything here.
    const store = createSqliteStore({ file, searchIndexIntervalMs: 60_000 });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const agent = await store.createStaff({ siteId: site.id, email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'x' });
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    const send = (clientId: string, text: string, conversationId?: string) =>
      store.appendMessage({ siteId: site.id, conversationId, visitorId: v.id, clientId, author: { kind: 'visitor', id: v.id }, text, attachmentIds: [], note: false, at: 2 });
    const reader = new Database(file, { readonly: true });
    const indexedUpTo = () => reader.prepare('SELECT indexed_upto FROM search_index_state').pluck().get() as number;
    const found = async (q: string) => (await store.searchMessages(site.id, q, 10)).map((h) => h.message.text);
    // The index itself, not the search (which also filters out deleted messages).
    const indexed = (word: string) => reader.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck().all(word);

    const first = await send('c1', 'my parcel never arrived');
    const conv = first.conversation.id;
    const before = indexedUpTo();
    await send('c2', 'the tracking number is wrong', conv);
    assert.equal(indexedUpTo(), before, 'a commit alone does not index');
    assert.deepEqual(await found('tracking'), ['the tracking number is wrong'], 'a search catches the index up first');
    assert.ok(indexedUpTo() > before);

    // Deleted before it was ever indexed: never indexed, and the delete trigger leaves the index alone.
    const early = await send('c3', 'secret coupon code', conv);
    await store.deleteMessage({ conversationId: conv, messageId: early.message.id, by: { kind: 'staff', id: agent.id }, at: 3 });
    assert.deepEqual(await found('coupon'), []);
    assert.deepEqual(indexed('coupon'), [], 'its text never reached the index');
    // Indexed, then deleted: it leaves the index.
    await send('c4', 'refund please', conv);
    assert.deepEqual(await found('refund'), ['refund please']);
    assert.equal(indexed('refund').length, 1);
    const refund = (await store.searchMessages(site.id, 'refund', 1))[0].message;
    await store.deleteMessage({ conversationId: conv, messageId: refund.id, by: { kind: 'staff', id: agent.id }, at: 4 });
    assert.deepEqual(await found('refund'), []);
    assert.deepEqual(indexed('refund'), [], 'the delete trigger took it out of the index');
    // The inbox search reads the same index, caught up the same way.
    await send('c5', 'umbrella question', conv);
    const inbox = await store.listInbox({ siteId: site.id, staffId: agent.id, q: 'umbrella', limit: 10 });
    assert.deepEqual(inbox.items.map((r) => r.conversation.id), [conv]);
    reader.close();
    await send('c6', 'indexed when the store closes', conv);
    await store.close();

    const db = new Database(file);
    // FTS5's own consistency check against the content table: throws SQLITE_CORRUPT_VTAB when they disagree.
    db.prepare(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).run();
    assert.equal(db.prepare('SELECT indexed_upto FROM search_index_state').pluck().get(), db.prepare('SELECT MAX(pk) FROM messages').pluck().get());
    db.close();
  });

  it('new messages are indexed by themselves within the interval', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file, searchIndexIntervalMs: 20 });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c1', author: { kind: 'visitor', id: v.id }, text: 'hello', attachmentIds: [], note: false, at: 2 });
    const reader = new Database(file, { readonly: true });
    const lag = () => reader.prepare('SELECT (SELECT MAX(pk) FROM messages) - indexed_upto FROM search_index_state').pluck().get() as number;
    const deadline = Date.now() + 5_000;
    while (lag() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(lag(), 0);
    reader.close();
    await store.close();
  });
  it('a background catch-up that cannot get the write lock is reported, not thrown, and the next read catches up', async () => {
    const file = freshFile();
    const errors: unknown[] = [];
    const store = createSqliteStore({ file, searchIndexIntervalMs: 20, lockWaitMs: 50, onBackgroundError: (e) => errors.push(e) });
    await store.migrate();
    const site = await store.createSite({ name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
    const v = await store.createVisitor({ siteId: site.id, label: 'L', context: {}, at: 1 });
    await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'c1', author: { kind: 'visitor', id: v.id }, text: 'lighthouse', attachmentIds: [], note: false, at: 2 });
    // Another connection (say the CLI) holds the write lock while the timer fires.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    const deadline = Date.now() + 5_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    other.prepare('ROLLBACK').run();
    other.close();
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /locked|busy/i);
    assert.deepEqual((await store.searchMessages(site.id, 'lighthouse', 5)).map((h) => h.message.text), ['lighthouse']);
    await store.close();
  });
  it('cached sites follow writes through the store and commits by another connection (the CLI)', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.migrate();
    const site = await store.createSite({ name: 'Before', allowedOrigins: ['https://a.example'], identitySecret: 's', settings: {} });
    assert.equal((await store.getSiteByKey(site.key))?.name, 'Before');
    await store.updateSite(site.id, { allowedOrigins: ['https://b.example'] });
    assert.deepEqual((await store.getSite(site.id))?.allowedOrigins, ['https://b.example']);
    const cli = new Database(file);
    cli.prepare('UPDATE sites SET name = ?, allowed_origins = ? WHERE id = ?').run('After', JSON.stringify(['https://c.example']), site.id);
    cli.close();
    // Reads outside a write see another connection's commits from the next turn of the event loop on (external-changes.ts).
    await new Promise((r) => setImmediate(r));
    assert.equal((await store.getSite(site.id))?.name, 'After');
    assert.deepEqual((await store.getSiteByKey(site.key))?.allowedOrigins, ['https://c.example']);
    const shared = (await store.getSite(site.id))!;
    assert.throws(() => ((shared as { name: string }).name = 'changed by a caller'), TypeError, 'cached records are frozen');
    await store.close();
  });

  it('after erasure the database file itself holds no trace of the text: not in a table, the search index, a free page or the WAL', async () => {
    for (const tombstone of [false, true]) {
      const file = freshFile();
      const store = createSqliteStore({ file });
      await store.migrate();
      const marker = `zq${randomMarker()}zq`;
      const p = await seedPerson(store, marker);
      await store.searchMessages(p.s.id, marker, 10); // the index has caught up: the marker is in it
      const inFile = () => [file, `${file}-wal`].filter(existsSync).some((f) => readFileSync(f).includes(marker));
      assert.ok(inFile(), 'the marker is on disk before');
      await store.eraseVisitor({ siteId: p.s.id, visitorId: p.person.id, tombstone, at: 50 });
      assert.equal(inFile(), false, `no byte of it is left on disk (${tombstone ? 'tombstone' : 'deleted'})`);
      assert.equal((await store.searchMessages(p.s.id, 'Not part of it', 10)).length, 1, 'the rest of the index works');
      await store.close();
      assert.equal(inFile(), false, 'nor after close');
    }
  });
});
