import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { seedSite } from '../../test/e2e/support/seed.ts';
import { deleteKeys, PG_URL, REDIS_URL } from '../scale/test-cluster.ts';
import { createPostgresStore } from '../store/postgres/index.ts';
import { createSqliteStore } from '../store/sqlite/index.ts';
import { startChildNode, type ChildNode } from './child-node.ts';
import { messageIds, runChaos, type ChaosResult } from './workload.ts';

/**
 * Chaos, bounded: visitors and agents on the real client core write while sockets are cut at random
 * and server processes are killed -9 (and started again), on one SQLite process and on three
 * processes sharing PostgreSQL and Redis. Every client must end up with each acked message exactly
 * once, in seq order per conversation and, for agents, in cursor order without a hole, and REST must
 * agree. The seed is printed: a failing run can be repeated with PARLEY_CHAOS_SEED.
 */
const SEED = Number(process.env.PARLEY_CHAOS_SEED ?? Date.now() % 1e9);
const WORKLOAD = { visitors: 4, messages: 24, serverKills: 2, socketKillEvery: 6, seed: SEED };
// Enough budget that the workload is not rate limited: limits are not what is under test here.
const ENV = {
  PARLEY_SECRET: 'chaos-secret-0123456789abcdef',
  PARLEY_RATE_BURST: '1000',
  PARLEY_RATE_PER_SEC: '1000',
  PARLEY_PRINCIPAL_RATE_BURST: '1000',
  PARLEY_PRINCIPAL_RATE_PER_SEC: '1000',
  PARLEY_VISITOR_OFFLINE_GRACE_MS: '0',
};

function assertDelivery(r: ChaosResult) {
  const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
  assert.equal(r.acked.length, r.total, 'every message acked once');
  for (const [id, acks] of r.byConversation) {
    const want = [...acks].sort(bySeq).map((a) => a.messageId);
    assert.deepEqual(r.stored.get(id)!.map((m) => m.id), want, `REST: conversation ${id} holds each acked message once, in seq order`);
  }
  const allAcked = [...r.acked].map((a) => a.messageId).sort();
  r.staff.forEach((s, i) => {
    const cursors = s.events.map((e) => e.cursor);
    cursors.forEach((c, k) => assert.equal(c, (k ? cursors[k - 1] : r.staffStart[i]) + 1, `agent ${i}: cursor ${c} follows on without a hole or a repeat`));
    assert.deepEqual(messageIds(s.events).sort(), allAcked, `agent ${i}: each acked message exactly once`);
  });
  r.visitors.forEach((v, i) => {
    const conversations = new Set(v.events.map((e) => e.conversationId));
    for (const id of conversations) {
      const seqs = v.events.filter((e) => e.conversationId === id).map((e) => e.seq);
      seqs.forEach((s, k) => k && assert.ok(s > seqs[k - 1], `visitor ${i}: seq order in ${id}`));
      const want = r.byConversation.get(id)!.sort(bySeq).map((a) => a.messageId);
      assert.deepEqual(messageIds(v.events.filter((e) => e.conversationId === id)), want, `visitor ${i}: each message of ${id} exactly once, in order`);
    }
    assert.ok(conversations.size >= 1);
  });
}

describe(`chaos (seed ${SEED})`, { timeout: 120_000 }, () => {
  test('one process on SQLite: sockets cut and the server killed -9 twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-chaos-'));
    const nodes: ChildNode[] = [];
    try {
      const seedStore = createSqliteStore({ file: join(dir, 'parley.db') });
      await seedStore.migrate();
      const { site, agents } = await seedSite(seedStore);
      await seedStore.close();
      nodes.push(await startChildNode({ ...ENV, PARLEY_DATA_DIR: dir }));
      const r = await runChaos({ nodes, siteKey: site.key, staff: [agents.a, agents.b] }, WORKLOAD);
      assertDelivery(r);
      assert.ok(r.sockets > 4 + 2 * 2, `clients reconnected (${r.sockets} sockets)`);
    } finally {
      for (const n of nodes) await n.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('three processes on PostgreSQL + Redis: sockets cut and processes killed -9 twice', async () => {
    const id = randomBytes(5).toString('hex');
    const schema = `parley_chaos_${id}`;
    const prefix = `parley-chaos:${id}:`;
    const store = createPostgresStore({ connectionString: PG_URL, schema, dropSchemaOnClose: true });
    const nodes: ChildNode[] = [];
    const dirs: string[] = [];
    try {
      await store.migrate();
      const { site, agents } = await seedSite(store);
      const env = { ...ENV, PARLEY_DATABASE_URL: PG_URL, PARLEY_DATABASE_SCHEMA: schema, PARLEY_REDIS_URL: REDIS_URL, PARLEY_REDIS_PREFIX: prefix, PARLEY_PRESENCE_TTL_MS: '2000' };
      nodes.push(...(await Promise.all([0, 1, 2].map(() => {
        const dir = mkdtempSync(join(tmpdir(), 'parley-chaos-'));
        dirs.push(dir);
        return startChildNode({ ...env, PARLEY_DATA_DIR: dir });
      }))));
      const r = await runChaos({ nodes, siteKey: site.key, staff: [agents.a, agents.b] }, WORKLOAD);
      assertDelivery(r);
    } finally {
      for (const n of nodes) await n.kill();
      await store.close();
      await deleteKeys(prefix);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
