/**
 * WAL frames per lone commit, by table and index (not a test; bench/findings.md #15, #20):
 *   node --import tsx server/store/sqlite/measure-frames.ts [messages=2000] [visitors=200] [history=0] [burst=1]
 * `visitors` conversations take `burst` messages at a time, each into its own conversation (awaited
 * together, so every group commit holds `burst`; 1 is the idle server's lone commit), one in 10 a staff
 * reply; `history` more conversations (resolved, a few open: measure-seed.ts) sit in the same site. After each commit it reads the WAL-index header (-shm:
 * mxFrame, salt) and the page number of every new frame in the -wal file; at the end dbstat names the
 * pages. The worker checkpointer runs as in the server (a WAL restart is seen by its new salt).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from './index.ts';
import { loadMessage, seedConversations } from './measure-seed.ts';

const total = Number(process.argv[2] ?? 2000);
const visitorCount = Number(process.argv[3] ?? 200);
const history = Number(process.argv[4] ?? 0);
const burst = Math.max(1, Math.min(Number(process.argv[5] ?? 1), Number(process.argv[3] ?? 200)));
const dir = mkdtempSync(join(tmpdir(), 'parley-measure-frames-'));
const file = join(dir, 'parley.db');
const store = createSqliteStore({ file });
await store.migrate();
const site = await store.createSite({ name: 'Measure', allowedOrigins: [], identitySecret: 's', settings: {} });
const agent = await store.createStaff({ siteId: site.id, email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'x' });
if (history > 0) seedConversations(file, { siteId: site.id, staffIds: [agent.id], teamIds: [], total: history, open: 300, startAt: 0 });

const convs: { id: string; visitorId: string }[] = [];
for (let i = 0; i < visitorCount; i++) {
  const v = await store.createVisitor({ siteId: site.id, label: `V${i}`, context: {}, at: 1e9 + i });
  const r = await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'first', author: { kind: 'visitor', id: v.id }, text: `hello ${i}`, attachmentIds: [], note: false, at: 1e9 + i });
  convs.push({ id: r.conversation.id, visitorId: v.id });
}

const shm = openSync(`${file}-shm`, 'r');
const wal = openSync(`${file}-wal`, 'r');
const hdr = Buffer.alloc(48);
const frameHdr = Buffer.alloc(4);
function walState(): { mxFrame: number; salt: string; pageSize: number } {
  readSync(shm, hdr, 0, 48, 0);
  return { mxFrame: hdr.readUInt32LE(16), salt: hdr.subarray(32, 40).toString('hex'), pageSize: hdr.readUInt16LE(14) || 65536 };
}

const byPage = new Map<number, number>();
let frames = 0;
let before = walState();
for (let n = 0; n < total; n += burst) {
  await Promise.all(Array.from({ length: burst }, (_, k) => store.appendMessage(loadMessage(site.id, convs[(n + k) % visitorCount], agent.id, n + k, (n + k) % 10 === 9, 2e9 + n + k))));
  const after = walState();
  const from = after.salt === before.salt ? before.mxFrame : 0;
  for (let f = from + 1; f <= after.mxFrame; f++) {
    readSync(wal, frameHdr, 0, 4, 32 + (f - 1) * (24 + after.pageSize));
    const page = frameHdr.readUInt32BE(0);
    byPage.set(page, (byPage.get(page) ?? 0) + 1);
    frames++;
  }
  before = after;
}
await store.close();

const ro = new Database(file, { readonly: true });
const names = new Map<number, string>();
for (const r of ro.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]) names.set(r.pageno, r.name);
ro.close();
const byName = new Map<string, number>();
for (const [page, count] of byPage) {
  const name = names.get(page) ?? (page === 1 ? 'page 1 (header)' : 'free or moved page');
  byName.set(name, (byName.get(name) ?? 0) + count);
}
console.log(`${total} appends, ${burst} per commit, into ${visitorCount} conversations (${history} more in the site): ${(frames / total).toFixed(2)} WAL frames per message`);
for (const [name, count] of [...byName].sort((a, b) => b[1] - a[1])) console.log(`  ${(count / total).toFixed(2)}  ${name}`);
rmSync(dir, { recursive: true, force: true });
