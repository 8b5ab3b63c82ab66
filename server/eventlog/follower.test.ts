import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../store/sqlite/index.ts';
import type { SiteRecord, Store } from '../store/store.ts';
import { createLogFollower } from './follower.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-follower-'));
const store = createSqliteStore({ file: join(dir, 'parley.db') });
const LEASE = 1_000;
let clock = 1_000_000;
let site: SiteRecord;
let visitorId: string;
let n = 0;

before(async () => {
  await store.migrate();
  site = await store.createSite({ name: 'Shop', allowedOrigins: ['https://shop.example'], identitySecret: 'shop-identity-secret-42', settings: {} });
  visitorId = (await store.createVisitor({ siteId: site.id, label: 'Blue Otter', context: {}, at: 1 })).id;
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const commit = () =>
  store.appendMessage({ siteId: site.id, visitorId, clientId: `c${++n}`, author: { kind: 'visitor', id: visitorId }, text: `m${n}`, attachmentIds: [], note: false, at: clock });

/** A follower on its own view of the store that counts its lease claims and records what it handled. */
function follower(owner: string) {
  const seen: number[] = [];
  const counted = { claims: 0 };
  const s: Store = { ...store, claimLogFollower: (input) => (counted.claims++, store.claimLogFollower(input)) };
  const f = createLogFollower({
    name: 'test',
    store: s,
    owner,
    now: () => clock,
    leaseMs: LEASE,
    async handle(_siteId, events) {
      for (const e of events) seen.push(e.cursor);
    },
  });
  return { f, seen, counted };
}

test('under constant commits the holder claims once per half lease, the other process once per quarter lease; every event is handled once; a dead holder is replaced within 1.25 leases', async () => {
  const a = follower('a');
  const b = follower('b');
  await commit();
  await a.f.poll();
  // 100 rounds 10 ms apart (one per commit, as kicks make them), on both processes: 1 s, one lease.
  for (let i = 0; i < 100; i++) {
    clock += 10;
    await commit();
    await a.f.poll();
    await b.f.poll();
  }
  const latest = await store.latestCursor(site.id);
  assert.deepEqual(a.seen, Array.from({ length: latest }, (_, k) => k + 1), 'the holder handled each event once, in order');
  assert.deepEqual(b.seen, [], 'the other process handled none');
  assert.ok(a.counted.claims <= 3, `the holder claimed ${a.counted.claims} times in one lease (was: every round)`);
  assert.ok(b.counted.claims <= 5, `the refused process asked ${b.counted.claims} times in one lease (was: every round)`);

  // The holder dies (polls no more); the commits go on and b takes the site over once the lease ran out.
  const diedAt = clock;
  while (b.seen.length === 0) {
    clock += 10;
    await commit();
    await b.f.poll();
    assert.ok(clock - diedAt <= 1.25 * LEASE + 20, `taken over ${clock - diedAt} ms after the holder's last round`);
  }
  const now = await store.latestCursor(site.id);
  assert.deepEqual([...a.seen, ...b.seen], Array.from({ length: now }, (_, k) => k + 1), 'together: each event once, in order');
});
