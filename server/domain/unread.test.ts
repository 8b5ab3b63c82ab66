import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { DurableEvent, ServerEvent } from '../../protocol/index.ts';
import { Topics, type Bus } from '../bus/bus.ts';
import { createLocalBus } from '../bus/local.ts';
import { loadConfig } from '../config.ts';
import { createSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.ts';
import { createFeeds, type Feeds } from '../feed/feeds.ts';
import { createDomain, type Domain, type Timers } from './domain.ts';
import type { Principal } from './principal.ts';

/**
 * Unread counts kept in memory (unread.ts): a real SQLite store and the in-process bus, with a clock
 * and timers that move only when the test says so, so "how many pushes" does not depend on speed.
 */
type Unread = Extract<ServerEvent, { kind: 'unread' }>;

function manualClock() {
  let now = 1_700_000_000_000;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) if (t.at <= now && pending.delete(id)) t.fn();
  };
  return { now: () => now, timers, advance };
}

let dir: string;
/** The real store; the domain gets `store`, which can run a hook around its unread reads. */
let raw: Store;
let store: Store;
const hooks: { before?: (read: string) => Promise<void>; after?: (read: string) => Promise<void> } = {};
let bus: Bus;
let feeds: Feeds;
let domain: Domain;
let clock: ReturnType<typeof manualClock>;
let siteId: string;
let conn = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-unread-'));
  raw = createSqliteStore({ file: join(dir, 'parley.db') });
  await raw.migrate();
  store = Object.create(raw) as Store;
  for (const read of ['latestCursor', 'unreadForStaff', 'unreadForStaffInConversation'] as const) {
    const real = raw[read].bind(raw) as (...args: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[read] = async (...args: unknown[]) => {
      await hooks.before?.(read);
      const out = await real(...args);
      await hooks.after?.(read);
      return out;
    };
  }
  bus = createLocalBus();
  clock = manualClock();
  const config = loadConfig({ PARLEY_DATA_DIR: dir }, { unreadPushMs: 100 });
  feeds = createFeeds({ store, bus, forVisitor: (e) => e, gapWaitMs: 100, checkMs: 0, timers: clock.timers, onError: (err) => assert.fail(String(err)) });
  domain = createDomain({ store, bus, feeds, config, now: clock.now, timers: clock.timers });
  siteId = (await store.createSite({ name: 'Shop', allowedOrigins: [], identitySecret: 'x', settings: {} })).id;
});
afterEach(async () => {
  delete hooks.before;
  delete hooks.after;
  await domain.close();
  await feeds.close();
  await bus.close();
  await raw.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An agent with one socket: the pushes their topic receives. */
async function agent() {
  const staff = await store.createStaff({ siteId, email: `a${++conn}@example.com`, name: `Agent ${conn}`, role: 'agent', passwordHash: 'x' });
  const p: Principal = { kind: 'staff', siteId, staffId: staff.id, role: 'agent', sessionId: 'ses' };
  const pushes: Unread[] = [];
  await bus.subscribe(Topics.staff(staff.id), (e) => void (e.kind === 'unread' && pushes.push(e)));
  const socket = () => {
    const id = `conn-${++conn}`;
    domain.connected(p, id);
    return id;
  };
  const first = socket();
  await until(() => pushes.length > 0, 'the counts pushed after connecting');
  return { p, pushes, socket, first, last: () => pushes.at(-1)! };
}

async function visitor() {
  const v = await store.createVisitor({ siteId, label: 'Blue Otter', context: { url: 'https://shop.example/' }, at: clock.now() });
  return { kind: 'visitor', siteId, visitorId: v.id } as Principal;
}

let clientIds = 0;
const send = (p: Principal, conversationId?: string) => domain.sendMessage(p, { clientId: `c${++clientIds}`, text: 'hello', conversationId });

/**
 * A visitor message committed now whose events are published only when the test says so: what a
 * commit looks like when its event is still on its way (another process, Redis) while a read runs.
 */
async function commitUnheard(p: Principal, conversationId: string, unheard: DurableEvent[]): Promise<void> {
  if (p.kind !== 'visitor') throw new Error('visitor only');
  const r = await raw.appendMessage({ siteId, visitorId: p.visitorId, conversationId, clientId: `u${++clientIds}`, author: { kind: 'visitor', id: p.visitorId }, text: 'late', attachmentIds: [], note: false, at: clock.now() });
  unheard.push(...r.events);
}
/** The late events arrive, as from another process: the site feed takes them (if it has not read them from the store already). */
const hear = async (events: DurableEvent[], visitorId = '') => {
  feeds.committed(siteId, events.splice(0).map((event) => ({ event, visitorId, visible: event.prevVisibleSeq !== undefined })));
};

/** Waits for a condition, moving the clock past the push interval between looks (reads finish in between). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
    clock.advance(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('unread counts in memory', () => {
  test('a read by agent A changes only A\'s count, and only for that conversation', async () => {
    const a = await agent();
    const b = await agent();
    const v1 = await visitor();
    const v2 = await visitor();
    const c1 = (await send(v1)).conversationId;
    const last = await send(v1, c1);
    const c2 = (await send(v2)).conversationId;
    for (const x of [a, b]) await until(() => x.last().total === 3, 'three unread');
    assert.deepEqual(a.last().counts, { [c1]: 2, [c2]: 1 });

    const bPushes = b.pushes.length;
    await domain.markRead(a.p, c1, last.seq);
    await until(() => a.last().total === 1, "A's read");
    assert.deepEqual(a.last(), { kind: 'unread', counts: { [c2]: 1 }, total: 1 });
    clock.advance(1000);
    assert.equal(b.pushes.length, bPushes, 'nothing changed for B, so B got no push');
    assert.deepEqual(b.last().counts, { [c1]: 2, [c2]: 1 });
    assert.deepEqual(await store.unreadForStaff(siteId, b.p.kind === 'staff' ? b.p.staffId : ''), b.last().counts);
  });

  test('a burst of 500 visitor messages costs a few pushes, the last one right', async () => {
    const a = await agent();
    const visitors = await Promise.all(Array.from({ length: 10 }, () => visitor()));
    const convs = await Promise.all(visitors.map(async (v) => (await send(v)).conversationId));
    await until(() => a.last().total === 10, 'the first messages');
    const before = a.pushes.length;
    // 49 more from each visitor, interleaved and committed in groups, while the clock stands still.
    await Promise.all(visitors.flatMap((v, i) => Array.from({ length: 49 }, () => send(v, convs[i]))));
    clock.advance(100);
    await until(() => a.last().total === 500, 'all 500 counted');
    const burst = a.pushes.length - before;
    assert.ok(burst >= 1 && burst <= 3, `${burst} pushes for 490 messages`);
    assert.deepEqual(a.last().counts, Object.fromEntries(convs.map((c) => [c, 50])));
  });

  test('deleting a message recounts that conversation for every agent', async () => {
    const a = await agent();
    const b = await agent();
    const v = await visitor();
    const m1 = await send(v);
    const conv = m1.conversationId;
    await send(v, conv);
    await send(v, conv);
    for (const x of [a, b]) await until(() => x.last().counts[conv] === 3, 'three unread');
    await domain.markRead(a.p, conv, m1.seq);
    await until(() => a.last().counts[conv] === 2, 'A read the first');
    await domain.deleteMessage(a.p, conv, m1.messageId);
    await until(() => b.last().counts[conv] === 2, 'B loses the deleted one');
    clock.advance(1000);
    assert.equal(a.last().counts[conv], 2, 'A had read it: nothing changes for A');
  });

  test("an agent's own reply does not change their counts; a second socket gets them at once", async () => {
    const a = await agent();
    const v = await visitor();
    const conv = (await send(v)).conversationId;
    await until(() => a.last().total === 1, 'one unread');
    const pushes = a.pushes.length;
    await send(a.p, conv);
    clock.advance(1000);
    assert.equal(a.pushes.length, pushes, 'no push for a reply');
    a.socket();
    await until(() => a.pushes.length === pushes + 1, 'the second socket gets the counts');
    assert.deepEqual(a.last().counts, { [conv]: 1 });
  });

  test('an agent connecting in the middle of a stream of commits counts each message once', async () => {
    const v = await visitor();
    const conv = (await send(v)).conversationId;
    const sending = Promise.all(Array.from({ length: 300 }, () => send(v, conv)));
    const a = await agent();
    await sending;
    await until(() => a.last().counts[conv] === 301, 'all 301 counted');
    clock.advance(1000);
    assert.deepEqual(a.last().counts, { [conv]: 301 });
  });

  test('after the last socket closes the counts are dropped; the next socket reads them again', async () => {
    const a = await agent();
    const v = await visitor();
    const conv = (await send(v)).conversationId;
    await until(() => a.last().total === 1, 'one unread');
    domain.disconnected(a.p, a.first);
    await send(v, conv);
    clock.advance(1000);
    assert.equal(a.last().total, 1, 'no pushes while away');
    a.socket();
    await until(() => a.last().total === 2, 'fresh counts on return');
  });

  test('a commit the first read already saw is not counted again when its event arrives after it', async () => {
    const v = await visitor();
    const conv = (await send(v)).conversationId;
    const unheard: DurableEvent[] = [];
    // One commit before the load's first cursor read (the load sees it), one between its reads (it may or may not).
    hooks.before = async (read) => {
      if (read === 'latestCursor' && unheard.length === 0) await commitUnheard(v, conv, unheard);
      else if (read === 'unreadForStaff') await commitUnheard(v, conv, unheard);
    };
    const a = await agent();
    delete hooks.before;
    assert.deepEqual(a.last().counts, { [conv]: 3 }, 'the load saw all three');
    await hear(unheard);
    await send(v, conv);
    await until(() => a.last().counts[conv] === 4, 'the next message');
    clock.advance(1000);
    assert.deepEqual(a.last().counts, { [conv]: 4 }, 'the late events were not counted twice');
  });

  test('a recount skips the events it saw and counts the ones it did not', async () => {
    const a = await agent();
    const v = await visitor();
    const first = await send(v);
    const conv = first.conversationId;
    await until(() => a.last().total === 1, 'one unread');
    const unheard: DurableEvent[] = [];
    hooks.before = async (read) => void (read === 'unreadForStaffInConversation' && (await commitUnheard(v, conv, unheard)));
    hooks.after = async (read) => void (read === 'unreadForStaffInConversation' && (await commitUnheard(v, conv, unheard)));
    await domain.markRead(a.p, conv, first.seq);
    await until(() => unheard.length === 2, 'the recount ran');
    delete hooks.before;
    delete hooks.after;
    await hear(unheard);
    await until(() => a.last().counts[conv] === 2, 'both late messages');
    clock.advance(1000);
    assert.deepEqual(a.last().counts, { [conv]: 2 }, 'one seen by the recount, one after it: each once');
    assert.deepEqual(await raw.unreadForStaff(siteId, a.p.kind === 'staff' ? a.p.staffId : ''), { [conv]: 2 });
  });
});
