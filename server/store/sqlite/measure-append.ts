/**
 * CPU cost of the group-commit append path (not a test, never asserts speed):
 *   node --import tsx server/store/sqlite/measure-append.ts [messages=20000] [visitors=200] [rounds=3] [perVisitor=1]
 * `visitors` visitors each own one conversation and keep `perVisitor` appends in flight (await the ack,
 * send the next), so every group commit holds about visitors x perVisitor appends, perVisitor per
 * conversation: 200 x 1 is the bench's shape at its worst (every append in a batch dirties its own
 * conversation's index pages); more per conversation shows how a busy server's bigger batches amortize. Reports CPU
 * microseconds per message (process.cpuUsage: meaningful on a loaded machine, unlike wall-clock rate)
 * (all threads, and the main thread alone, which is what limits the server) and the wall-clock rate
 * for reference. Run with --cpu-prof to see where the time goes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from './index.ts';
import { loadMessage } from './measure-seed.ts';

const total = Number(process.argv[2] ?? 20_000);
const visitorCount = Number(process.argv[3] ?? 200);
const rounds = Number(process.argv[4] ?? 3);
const perVisitor = Number(process.argv[5] ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'parley-measure-append-'));
const store = createSqliteStore({ file: join(dir, 'parley.db') });
await store.migrate();
const site = await store.createSite({ name: 'Measure', allowedOrigins: [], identitySecret: 's', settings: {} });
const agent = await store.createStaff({ siteId: site.id, email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'x' });

const convs = await Promise.all(
  Array.from({ length: visitorCount }, async (_, i) => {
    const v = await store.createVisitor({ siteId: site.id, label: `V${i}`, context: { url: 'https://shop.example/cart' }, at: i });
    const r = await store.appendMessage({ siteId: site.id, visitorId: v.id, clientId: 'first', author: { kind: 'visitor', id: v.id }, text: `hello, question ${i}`, attachmentIds: [], note: false, at: 1_000 + i });
    await store.moveReadCursor({ conversationId: r.conversation.id, reader: { kind: 'staff', id: agent.id }, upTo: 2, at: 1_001 });
    return { id: r.conversation.id, visitorId: v.id };
  }),
);

/** CPU µs of the main thread alone (the WAL checkpointer runs in a worker): Linux /proc, 10 ms ticks. */
function mainThreadCpu(): number | null {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10_000; // utime + stime, at the usual 100 ticks/s
  } catch {
    return null;
  }
}

let clientSeq = 0;
for (let round = 1; round <= rounds; round++) {
  let sent = 0;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  await Promise.all(
    convs.flatMap((c) => Array.from({ length: perVisitor }, () => c)).map(async (c) => {
      while (sent < total) {
        const i = sent++;
        const n = clientSeq++;
        await store.appendMessage(loadMessage(site.id, c, agent.id, n, i % 10 === 0, 100_000 + n));
      }
    }),
  );
  const secs = (performance.now() - t) / 1000;
  if (process.env.SHOW_WAL) console.log("wal MB", (statSync(join(dir, "parley.db-wal")).size / 1e6).toFixed(1), "db MB", (statSync(join(dir, "parley.db")).size / 1e6).toFixed(1));
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpu();
  const main = main0 === null || main1 === null ? '' : `, main thread ${((main1 - main0) / total).toFixed(1)} µs/msg`;
  console.log(
    `round ${round}: ${total} appends, ${visitorCount} x ${perVisitor} in flight: ${((cpu.user + cpu.system) / total).toFixed(1)} µs CPU/msg all threads ` +
      `(user ${(cpu.user / total).toFixed(1)}, sys ${(cpu.system / total).toFixed(1)})${main}, ${(total / secs).toFixed(0)} msg/s wall`,
  );
}
// What the domain asks per visitor message (coalesced per agent): the agent's unread counts, whole site.
{
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 20; i++) await store.unreadForStaff(site.id, agent.id);
  const cpu = process.cpuUsage(cpu0);
  console.log(`unreadForStaff over ${visitorCount} conversations: ${((cpu.user + cpu.system) / 20 / 1000).toFixed(2)} ms CPU (${((performance.now() - t) / 20).toFixed(2)} ms wall)`);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
