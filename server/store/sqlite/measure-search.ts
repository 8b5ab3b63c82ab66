/**
 * The inbox search by visitor name, address and id at scale (not a test, never asserts speed):
 *   node --import tsx server/store/sqlite/measure-search.ts [visitors=100000]
 * One site holds `visitors` visitors with a name and address and one conversation each (another site
 * a tenth as many, the same names); prints the query plan of the inbox's q filter and the time of
 * listInbox for a unique surname, a common first name, an address, a pasted id and a message word.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from './index.ts';
import { inboxQuery } from './inbox.ts';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'parley-measure-search-'));
const file = join(dir, 'parley.db');
const store = createSqliteStore({ file });
await store.migrate();
const site = await store.createSite({ name: 'Measure', allowedOrigins: [], identitySecret: 's', settings: {} });
const other = await store.createSite({ name: 'Other', allowedOrigins: [], identitySecret: 's', settings: {} });
const agent = await store.createStaff({ siteId: site.id, email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'x' });

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Radia', 'Ken', 'Margaret', 'Dennis', 'Linus', 'Sophie', 'Tim', 'Hedy', 'Claude', 'Katherine', 'Niklaus', 'Leslie'];
const person = (i: number) => ({ name: `${FIRST[i % FIRST.length]} Surname${i}`, email: `user${i}@mail${i % 97}.example` });

// Visitors by SQL in one transaction (the triggers index them as createVisitor's insert would).
const t0 = performance.now();
const raw = new Database(file);
const insert = raw.prepare(
  `INSERT INTO visitors (id, site_id, identified, name, email, label, context, first_seen_at, last_seen_at) VALUES (?, ?, 1, ?, ?, 'L', '{}', ?, ?)`,
);
const ids: { id: string; siteId: string }[] = [];
raw.transaction(() => {
  for (let i = 0; i < count + count / 10; i++) {
    const siteId = i < count ? site.id : other.id;
    const id = `v_measure_${i}`;
    insert.run(id, siteId, person(i % count).name, person(i % count).email, i, i);
    ids.push({ id, siteId });
  }
})();
raw.close();
for (let i = 0; i < ids.length; i += 2000) {
  await Promise.all(
    ids.slice(i, i + 2000).map((v, j) =>
      store.appendMessage({ siteId: v.siteId, visitorId: v.id, clientId: 'c', author: { kind: 'visitor', id: v.id }, text: `order ${i + j} about billing`, attachmentIds: [], note: false, at: 1_000 + i + j }),
    ),
  );
}
console.log(`setup: ${ids.length} visitors and conversations (${count} on the measured site) in ${(performance.now() - t0).toFixed(0)} ms`);

const plan = new Database(file, { readonly: true });
const inbox = inboxQuery({ siteId: site.id, staffId: agent.id, limit: 50, q: 'Surname4242' }, 50)!;
const rows = plan.prepare(`EXPLAIN QUERY PLAN ${inbox.sql}`).all(inbox.params) as { detail: string }[];
console.log('EXPLAIN QUERY PLAN (inbox, q):\n' + rows.map((r) => `  ${r.detail}`).join('\n'));
plan.close();

async function time(label: string, q: string, runs = 20) {
  const first = await store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50, q });
  const t = performance.now();
  for (let i = 0; i < runs; i++) await store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50, q });
  console.log(`listInbox q=${JSON.stringify(q)}: ${first.items.length} rows on the first page, ${((performance.now() - t) / runs).toFixed(2)} ms`);
}
await time('unique surname', 'Surname4242');
await time('common first name (1 in 20)', 'Grace');
await time('first name and surname prefix', 'Grace Surname41');
await time('address', person(4242).email);
await time('visitor id', 'v_measure_4242');
await time('message word (as before)', 'order 4242');
await time('nothing matches', 'zzzzqqq');
console.log(`load: ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
await store.close();
if (process.env.KEEP_DB) console.log(`kept ${file}`); else rmSync(dir, { recursive: true, force: true });
