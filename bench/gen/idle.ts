import { adapterFor, type TargetInfo } from '../adapters/index.ts';
import type { VisitorClient } from '../adapters/types.ts';
import { pool, serve } from '../lib/ipc.ts';

/*
 * Idle visitors: `prepare` gets every visitor a token first (Parley stores a visitor per session, so
 * that memory is in the server before the sockets are counted), then `grow` connects (socket +
 * hello) until it holds `count` sockets from its own source address. Idle sockets only answer
 * heartbeats.
 */

let target: TargetInfo;
let localAddress: string | undefined;
let base = 0;
const held: VisitorClient[] = [];
let tokens: string[] = [];
let failed = 0;
const reasons: Record<string, number> = {};

serve({
  init(arg: { target: TargetInfo; localAddress?: string; base: number }) {
    ({ target, localAddress, base } = arg);
    return true;
  },
  async prepare(arg: { count: number }) {
    const adapter = adapterFor(target);
    tokens = await pool(Array.from({ length: arg.count }, (_, i) => base + i), 64, (i) => adapter.visitorToken(i));
    return tokens.length;
  },
  async grow(arg: { count: number }) {
    const adapter = adapterFor(target);
    const todo = Array.from({ length: Math.max(0, arg.count - held.length) }, (_, i) => base + held.length + i);
    await pool(todo, 64, async (i) => {
      try {
        held.push(await adapter.visitor(i, { localAddress }, () => {}, tokens[i - base]));
      } catch (e) {
        failed++;
        const why = e instanceof Error ? e.message.slice(0, 120) : String(e);
        reasons[why] = (reasons[why] ?? 0) + 1;
      }
    });
    return { held: held.length, failed, reasons };
  },
  async close() {
    for (const v of held.splice(0)) v.close();
    await new Promise((r) => setTimeout(r, 200));
    return true;
  },
});
