import { performance } from 'node:perf_hooks';
import { adapterFor, type TargetInfo } from '../adapters/index.ts';
import type { VisitorClient } from '../adapters/types.ts';
import { pool, serve } from '../lib/ipc.ts';
import { parseTag } from '../lib/tag.ts';

/*
 * Visitors for the reconnect storm. They keep a count of every staff message they receive (live or
 * replayed). `storm` drops every socket at once, then each reconnects after a random delay within
 * `spreadMs` (the jitter a real client's backoff adds) and resumes; `verify` checks the staff
 * messages addressed to each visitor arrived exactly once.
 */

let visitors: VisitorClient[] = [];
const received: Map<number, number>[] = [];
const indexOf = new Map<string, number>();

async function setup(arg: { target: TargetInfo; count: number; localAddress: string; base: number }) {
  const adapter = adapterFor(arg.target);
  visitors = await pool(Array.from({ length: arg.count }, (_, i) => i), 64, async (i) => {
    received[i] = new Map();
    const v = await adapter.visitor(arg.base + i, { localAddress: arg.localAddress }, (text) => {
      const tag = parseTag(text);
      if (tag?.from === 's') received[i].set(tag.k, (received[i].get(tag.k) ?? 0) + 1);
    });
    await v.openConversation(`hello from storm visitor ${arg.base + i}`);
    return v;
  });
  visitors.forEach((v, i) => indexOf.set(v.address, i));
  return visitors.map((v) => v.address);
}

async function storm(arg: { spreadMs: number; maxAttempts: number; giveUpMs: number }) {
  const dropAt = performance.now();
  for (const v of visitors) v.drop();
  const resumeMs: number[] = [];
  const fromDropMs: number[] = [];
  let failed = 0;
  let replayed = 0;
  let attempts = 0;
  const reasons: Record<string, number> = {};
  await Promise.all(
    visitors.map(async (v) => {
      await sleep(Math.random() * arg.spreadMs);
      for (let attempt = 1; attempt <= arg.maxAttempts && performance.now() - dropAt < arg.giveUpMs; attempt++) {
        attempts++;
        const start = performance.now();
        try {
          const r = await withTimeout(v.reconnect(), 10_000);
          const end = performance.now();
          resumeMs.push(end - start);
          fromDropMs.push(end - dropAt);
          replayed += r.replayed;
          return;
        } catch (e) {
          const why = e instanceof Error ? e.message.slice(0, 80) : String(e);
          reasons[why] = (reasons[why] ?? 0) + 1;
          v.drop();
          await sleep(Math.min(5_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2));
        }
      }
      failed++;
    }),
  );
  return { resumeMs, fromDropMs, failed, replayed, attempts, reasons };
}

function verify(arg: { sent: Record<string, number[]> }) {
  let expected = 0;
  let lost = 0;
  let duplicated = 0;
  for (const [address, ks] of Object.entries(arg.sent)) {
    const i = indexOf.get(address);
    if (i === undefined) continue;
    for (const k of ks) {
      expected++;
      const n = received[i].get(k) ?? 0;
      if (n === 0) lost++;
      else duplicated += n - 1;
    }
  }
  return { expected, lost, duplicated };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

serve({
  setup,
  storm,
  verify,
  async close() {
    for (const v of visitors) v.close();
    await sleep(200);
    return true;
  },
});
