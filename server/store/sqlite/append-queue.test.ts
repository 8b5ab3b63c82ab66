import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewMessage } from '../store.ts';
import { createAppendQueue } from './append-queue.ts';
import { createDb } from './db.ts';
import { createLockWait } from './lock-wait.ts';
import { migrate } from './migrations.ts';
import { openDatabase } from './open.ts';
import { createSite } from './sites.ts';
import { createVisitor } from './visitors.ts';

function setup() {
  const raw = openDatabase(':memory:');
  migrate(raw);
  const db = createDb(raw, Date.now);
  const site = createSite(db, { name: 'S', allowedOrigins: [], identitySecret: 's', settings: {} });
  const visitor = createVisitor(db, { siteId: site.id, label: 'V', context: {}, at: 1 });
  const commits: number[] = [];
  const queue = createAppendQueue(db, { maxBatch: 100, lockWait: createLockWait({ waitMs: 1000 }), onCommit: (n) => commits.push(n) });
  const message = (clientId: string, at: number): NewMessage => ({
    siteId: site.id,
    visitorId: visitor.id,
    clientId,
    author: { kind: 'visitor', id: visitor.id },
    text: clientId,
    attachmentIds: [],
    note: false,
    at,
  });
  const stored = () => (raw.prepare('SELECT client_id FROM messages ORDER BY seq').pluck().all() as string[]);
  return { queue, message, stored, commits, close: () => raw.close() };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('append queue hold (the WAL checkpointer holds it for its final round)', () => {
  it('commits nothing while held; what was queued commits in order, acked only after its COMMIT, once released', async () => {
    const s = setup();
    await s.queue.append(s.message('first', 1));
    const release = s.queue.hold();
    const acked: string[] = [];
    const pending = ['a', 'b', 'c'].map((id, i) => s.queue.append(s.message(id, 10 + i)).then(() => acked.push(id)));
    for (let i = 0; i < 5; i++) await turn();
    assert.deepEqual(s.stored(), ['first'], 'nothing committed while held');
    assert.deepEqual(acked, [], 'nothing acked while held');
    release();
    release(); // a second call changes nothing
    await Promise.all(pending);
    assert.deepEqual(s.stored(), ['first', 'a', 'b', 'c']);
    assert.deepEqual(acked, ['a', 'b', 'c']);
    assert.deepEqual(s.commits, [1, 3], 'the held appends commit together');
    s.close();
  });

  it('holds nest: the queue commits once the last one is released', async () => {
    const s = setup();
    const r1 = s.queue.hold();
    const r2 = s.queue.hold();
    const sent = s.queue.append(s.message('x', 1));
    r1();
    for (let i = 0; i < 3; i++) await turn();
    assert.deepEqual(s.stored(), []);
    r2();
    await sent;
    assert.deepEqual(s.stored(), ['x']);
    s.close();
  });

  it('drain waits for a held queue and resolves once released and committed', async () => {
    const s = setup();
    const release = s.queue.hold();
    const sent = s.queue.append(s.message('y', 1));
    let drained = false;
    const draining = s.queue.drain().then(() => (drained = true));
    for (let i = 0; i < 3; i++) await turn();
    assert.equal(drained, false);
    release();
    await Promise.all([sent, draining]);
    assert.deepEqual(s.stored(), ['y']);
    s.close();
  });

  it('a hold with nothing queued, released, leaves the queue idle (drain resolves)', async () => {
    const s = setup();
    s.queue.hold()();
    await s.queue.drain();
    s.close();
  });
});
