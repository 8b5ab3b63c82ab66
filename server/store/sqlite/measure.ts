/**
 * Quick measurements of the SQLite store (not a test, never asserts speed):
 *   node --import tsx server/store/sqlite/measure.ts [messages=100000] [conversations=10000]
 * - group-commit append throughput with many concurrent callers (what the bench's 20k msg/s needs);
 * - listInbox / unreadForStaff / search latency with `conversations` conversations in one site.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from './index.ts';

const total = Number(process.argv[2] ?? 100_000);
const convCount = Number(process.argv[3] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'parley-measure-'));
const store = createSqliteStore({ file: join(dir, 'parley.db') });
await store.migrate();
const site = await store.createSite({ name: 'Measure', allowedOrigins: [], identitySecret: 's', settings: {} });
const agent = await store.createStaff({ siteId: site.id, email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'x' });

// 10k conversations, one visitor each
const t0 = performance.now();
const convs: { id: string; visitorId: string }[] = [];
for (let i = 0; i < convCount; i += 500) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(500, convCount - i) }, async (_, j) => {
      const v = await store.createVisitor({ siteId: site.id, label: `V${i + j}`, context: {}, at: i + j });
      const r = await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'first', author: { kind: 'visitor', id: v.id }, text: `first message number ${i + j} about billing`, attachmentIds: [], note: false, at: 1_000 + i + j });
      return { id: r.conversation.id, visitorId: v.id };
    }),
  );
  convs.push(...batch);
}
console.log(`setup: ${convCount} conversations in ${(performance.now() - t0).toFixed(0)} ms`);

// Throughput: `inFlight` concurrent senders, each awaiting its own ack before the next send
const inFlight = 2000;
let sent = 0;
const t1 = performance.now();
const cpu1 = process.cpuUsage();
await Promise.all(
  Array.from({ length: inFlight }, async (_, w) => {
    while (sent < total) {
      const i = sent++;
      const c = convs[(w * 7 + i) % convs.length];
      await store.appendMessage({ siteId: site.id, conversationId: c.id, visitorId: c.visitorId, clientId: `m${i}`, author: { kind: 'visitor', id: c.visitorId }, text: `load message ${i} with a few words of text`, attachmentIds: [], note: false, at: 100_000 + i });
    }
  }),
);
const secs = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(cpu1);
console.log(`append: ${total} messages, ${inFlight} in flight: ${(total / secs).toFixed(0)} msg/s (${((cpu.user + cpu.system) / total).toFixed(1)} µs CPU per message)`);

async function time(label: string, f: () => Promise<unknown>, runs = 20) {
  await f();
  const t = performance.now();
  for (let i = 0; i < runs; i++) await f();
  console.log(`${label}: ${((performance.now() - t) / runs).toFixed(2)} ms`);
}
// half of them read by the agent
for (let i = 0; i < convs.length; i += 2) await store.moveReadCursor({ conversationId: convs[i].id, reader: { kind: 'staff', id: agent.id }, upTo: 1e9, at: 1 });
const page1 = await store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50 });
await time('listInbox first page (50)', () => store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50 }));
await time('listInbox deep page (50, cursor)', () => store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50, cursor: page1.nextCursor }));
await time('listInbox unreadOnly (50)', () => store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50, unreadOnly: true }));
await time('listInbox status=open assignee=unassigned (50)', () => store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50, status: 'open', assignee: 'unassigned' }));
await time('listInbox q=billing (50)', () => store.listInbox({ siteId: site.id, staffId: agent.id, limit: 50, q: 'number 77' }));
await time('unreadForStaff (whole site)', () => store.unreadForStaff(site.id, agent.id));
await time('searchMessages (20)', () => store.searchMessages(site.id, 'billing', 20));
await time('eventsAfterCursor (1000)', () => store.eventsAfterCursor(site.id, 5000, 1000));
await store.close();
rmSync(dir, { recursive: true, force: true });
