import { performance } from 'node:perf_hooks';
import { adapterFor, type TargetInfo } from '../adapters/index.ts';
import type { StaffClient } from '../adapters/types.ts';
import { serve } from '../lib/ipc.ts';
import { formatTag, parseTag } from '../lib/tag.ts';

/*
 * One staff connection that keeps replying to visitors at a fixed rate during the storm, round-robin
 * over a shuffled list of their addresses, and remembers what it sent to whom. Both servers echo a
 * staff message to all staff once it is stored, so `settle` can wait until every reply was
 * processed: after that, a reply a visitor never got is lost, not late. If the server closes the agent's
 * socket (as a slow consumer), the agent reconnects like the dashboard does; replies it could not send
 * meanwhile are counted as unsent, not as sent.
 */

let staff: StaffClient;
let reconnecting: Promise<void> | null = null;
let unsent = 0;
let reconnects = 0;
const closedErrors: Record<string, number> = {};
let timer: NodeJS.Timeout | null = null;
const sent: Record<string, number[]> = {};
let sentCount = 0;
const echoed = new Set<number>();
let reconnectStaff: () => void = () => {};

serve({
  async setup(arg: { target: TargetInfo }) {
    const connect = () =>
      adapterFor(arg.target).staff(0, {}, (text) => {
        const tag = parseTag(text);
        if (tag?.from === 's') echoed.add(tag.k);
      });
    staff = await connect();
    reconnectStaff = () => {
      reconnecting ??= (async () => {
        for (const [code, n] of staff.errors) closedErrors[code] = (closedErrors[code] ?? 0) + n;
        reconnects++;
        staff = await connect();
      })().finally(() => (reconnecting = null));
    };
    return true;
  },
  start(arg: { addresses: string[]; rate: number }) {
    const order = [...arg.addresses].sort(() => Math.random() - 0.5);
    const start = performance.now();
    let k = 0;
    const tick = () => {
      const due = Math.floor(((performance.now() - start) * arg.rate) / 1000);
      for (; k < due; k++) {
        if (!staff.isOpen()) {
          unsent++;
          reconnectStaff();
          continue;
        }
        const address = order[k % order.length];
        (sent[address] ??= []).push(k);
        sentCount++;
        staff.send(address, formatTag({ from: 's', phase: 0, k, t: performance.now() }));
      }
      timer = setTimeout(tick, 5);
    };
    tick();
    return true;
  },
  stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const [code, n] of staff.errors) closedErrors[code] = (closedErrors[code] ?? 0) + n;
    return { sent, errors: closedErrors, unsent, reconnects };
  },
  /** What was sent and processed by the server (echoed back to staff), per address: what visitors must get. */
  processed() {
    const out: Record<string, number[]> = {};
    for (const [address, ks] of Object.entries(sent)) out[address] = ks.filter((k) => echoed.has(k));
    return out;
  },
  async settle(arg: { timeoutMs: number }) {
    const start = performance.now();
    while (echoed.size < sentCount && performance.now() - start < arg.timeoutMs) await new Promise((r) => setTimeout(r, 50));
    return { sent: sentCount, echoed: echoed.size, waitedMs: performance.now() - start };
  },
  close() {
    staff.close();
    return true;
  },
});
