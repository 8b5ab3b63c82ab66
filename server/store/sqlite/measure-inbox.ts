/**
 * The dashboard's inbox views at a big site (not a test, never asserts speed; bench/findings.md #20):
 *   node --import tsx server/store/sqlite/measure-inbox.ts [conversations=100000] [open=300] [repeat=20]
 * One site holds `conversations` (measure-seed.ts: all but `open` resolved, five agents, two teams).
 * For each view: SQLite's plan (EXPLAIN QUERY PLAN of inbox.ts's SQL) and the median wall time of
 * store.listInbox (50 rows, as the dashboard asks) for the first page, the fifth and the last one
 * (each reached by following nextCursor), and how many pages the view has.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InboxQuery } from '../store.ts';
import { createSqliteStore } from './index.ts';
import { inboxQuery } from './inbox.ts';
import { seedConversations } from './measure-seed.ts';

const total = Number(process.argv[2] ?? 100_000);
const open = Number(process.argv[3] ?? 300);
const repeat = Number(process.argv[4] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'parley-measure-inbox-'));
const file = join(dir, 'parley.db');
const store = createSqliteStore({ file });
await store.migrate();
const site = await store.createSite({ name: 'Measure', allowedOrigins: [], identitySecret: 's', settings: {} });
const staff = await Promise.all(
  Array.from({ length: 5 }, (_, i) => store.createStaff({ siteId: site.id, email: `a${i}@x.io`, name: `A${i}`, role: 'agent', passwordHash: 'x' })),
);
const teams = await Promise.all([0, 1].map((i) => store.createTeam({ siteId: site.id, name: `T${i}`, memberIds: [staff[i].id], at: 1, maxPerSite: 10 })));
seedConversations(file, { siteId: site.id, staffIds: staff.map((s) => s.id), teamIds: teams.map((t) => t.id), total, open, startAt: 1e12 });
const plans = new Database(file, { readonly: true });

const views: [string, Partial<InboxQuery>][] = [
  ['all', {}],
  ['open', { status: 'open' }],
  ['open, mine', { status: 'open', assignee: 'me' }],
  ['open, unassigned', { status: 'open', assignee: 'unassigned' }],
  ['open, team', { status: 'open', team: teams[0].id }],
  ['open, urgent', { status: 'open', priority: 'urgent' }],
  ['open, by priority', { status: 'open', sort: 'priority' }],
  ['pending', { status: 'pending' }],
  ['resolved', { status: 'resolved' }],
  ['resolved, mine', { status: 'resolved', assignee: 'me' }],
  ['resolved, by priority', { status: 'resolved', sort: 'priority' }],
  ['any, mine', { assignee: 'me' }],
  ['any, unassigned', { assignee: 'unassigned' }],
  ['any, team', { team: teams[0].id }],
  ['any, urgent', { priority: 'urgent' }],
  ['any, by priority', { sort: 'priority' }],
];

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(q: InboxQuery): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await store.listInbox(q);
    times.push(performance.now() - t);
  }
  return median(times);
}

for (const [name, v] of views) {
  const base: InboxQuery = { siteId: site.id, staffId: staff[0].id, limit: 50, ...v };
  const sql = inboxQuery(base, 50)!;
  const plan = (plans.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(sql.params) as { detail: string }[]).map((r) => r.detail).join('; ');
  // Every page's cursor (null: the first page), walking the whole view once.
  const cursors: (string | null)[] = [null];
  for (let c = (await store.listInbox(base)).nextCursor; c; c = (await store.listInbox({ ...base, cursor: c })).nextCursor) cursors.push(c);
  const at = async (i: number) => (i < cursors.length ? (await timed({ ...base, cursor: cursors[i] })).toFixed(2) : '-');
  console.log(`${name.padEnd(22)} pages ${String(cursors.length).padStart(5)}  first ${await at(0)} ms  5th ${await at(4)} ms  last ${await at(cursors.length - 1)} ms\n    ${plan}`);
}

plans.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
