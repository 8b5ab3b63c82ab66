import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Visitor } from '../../protocol/index.ts';
import type { AssignCandidate } from './assignment-records.ts';
import type { Store } from './store.ts';

/**
 * The automatic-assignment part of the Store contract (assignment-records.ts), run by storeSuite on
 * every implementation: queue order, capacity, strategies, returning to the queue, and concurrent
 * callers assigning each conversation once.
 */
export function assignmentStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  let clock = 1_760_000_000_000;
  const tick = () => (clock += 1000);

  async function world(agents = 2) {
    const store = getStore();
    const s = await store.createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
    const staff = [];
    // Ids in name order, so ties (broken by the smaller id) are predictable.
    for (let i = 0; i < agents; i++) staff.push(await store.createStaff({ id: `stf_${i}_${uid()}`, siteId: s.id, email: `${uid()}@example.com`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' }));
    return { store, s, staff };
  }
  async function conversation(store: Store, siteId: string): Promise<{ id: string; visitor: Visitor }> {
    const visitor = await store.createVisitor({ siteId, label: 'Blue Otter', context: {}, at: tick() });
    const r = await store.appendMessage({ siteId, visitorId: visitor.id, clientId: uid(), author: { kind: 'visitor', id: visitor.id }, text: 'hi', attachmentIds: [], note: false, at: tick() });
    return { id: r.conversation.id, visitor };
  }
  const cand = (id: string, capacity = 2, name?: string): AssignCandidate => ({ staffId: id, capacity, ...(name ? { name } : {}) });

  describe('automatic assignment', () => {
    it('assigns the oldest waiting conversation first, with a durable event, and the queue shrinks', async () => {
      const { store, s, staff } = await world(1);
      const a = await conversation(store, s.id);
      const b = await conversation(store, s.id);
      assert.deepEqual((await store.queue(s.id, 10)).entries.map((e) => e.conversationId), [a.id, b.id]);
      const r = await store.assignWaiting({ siteId: s.id, candidates: [cand(staff[0].id, 5, 'Agent 0')], strategy: 'least_busy', at: tick() });
      assert.ok(r);
      assert.equal(r.conversationId, a.id);
      assert.equal(r.visitorId, a.visitor.id);
      assert.equal(r.event.kind, 'conversation.updated');
      if (r.event.kind !== 'conversation.updated') return;
      assert.deepEqual(r.event.changes, { assigneeId: staff[0].id });
      assert.equal(r.event.auto, true);
      assert.equal(r.event.assigneeName, 'Agent 0');
      assert.equal(r.event.conversation.assigneeId, staff[0].id);
      // It is in the log like any durable event: the next seq, the next cursor.
      const log = await store.eventsAfterSeq(a.id, 0, 10, false);
      assert.deepEqual(log.at(-1), r.event);
      assert.equal((await store.getConversation(a.id))?.assigneeId, staff[0].id);
      assert.deepEqual(await store.queue(s.id, 10), { entries: [{ conversationId: b.id, visitorId: b.visitor.id, since: (await store.getConversation(b.id))!.createdAt, teamId: null }], waiting: 1 });
      assert.deepEqual(await store.assignedLoads(s.id), { [staff[0].id]: 1 });
    });

    it('never passes a capacity: with everyone full the conversation stays in the queue', async () => {
      const { store, s, staff } = await world(2);
      for (let i = 0; i < 4; i++) await conversation(store, s.id);
      const candidates = [cand(staff[0].id, 1), cand(staff[1].id, 2)];
      const got = [];
      for (;;) {
        const r = await store.assignWaiting({ siteId: s.id, candidates, strategy: 'least_busy', at: tick() });
        if (!r) break;
        got.push(r.staffId);
      }
      assert.equal(got.length, 3);
      assert.deepEqual(await store.assignedLoads(s.id), { [staff[0].id]: 1, [staff[1].id]: 2 });
      assert.equal((await store.queue(s.id, 10)).waiting, 1);
      // Capacity 0, or no candidate: nothing.
      assert.equal(await store.assignWaiting({ siteId: s.id, candidates: [cand(staff[0].id, 0)], strategy: 'least_busy', at: tick() }), null);
      assert.equal(await store.assignWaiting({ siteId: s.id, candidates: [], strategy: 'least_busy', at: tick() }), null);
      // Resolving one frees a place: the waiting conversation goes there.
      const mine = (await store.listInbox({ siteId: s.id, staffId: staff[0].id, assignee: 'me', limit: 10 })).items[0].conversation;
      await store.updateConversation({ conversationId: mine.id, changes: { status: 'resolved' }, by: { kind: 'staff', id: staff[0].id }, at: tick() });
      const r = await store.assignWaiting({ siteId: s.id, candidates, strategy: 'least_busy', at: tick() });
      assert.equal(r?.staffId, staff[0].id);
      assert.equal((await store.queue(s.id, 10)).waiting, 0);
    });

    it('least busy picks the agent with fewest open conversations; round robin the one whose turn is oldest', async () => {
      const { store, s, staff } = await world(3);
      const [x, y, z] = staff.map((m) => m.id);
      for (let i = 0; i < 7; i++) await conversation(store, s.id);
      // Round robin: x, y, z, x (turns), whatever the loads.
      const rr = [];
      for (let i = 0; i < 4; i++) rr.push((await store.assignWaiting({ siteId: s.id, candidates: [cand(x, 9), cand(y, 9), cand(z, 9)], strategy: 'round_robin', at: tick() }))!.staffId);
      assert.deepEqual(rr, [x, y, z, x]);
      // Least busy: loads x2 y1 z1 -> y (older turn than z), then z, then any of the three at 2 -> the oldest turn: x.
      const lb = [];
      for (let i = 0; i < 3; i++) lb.push((await store.assignWaiting({ siteId: s.id, candidates: [cand(x, 9), cand(y, 9), cand(z, 9)], strategy: 'least_busy', at: tick() }))!.staffId);
      assert.deepEqual(lb, [y, z, x]);
    });

    it('assigns a named conversation only while it still waits', async () => {
      const { store, s, staff } = await world(1);
      const a = await conversation(store, s.id);
      const b = await conversation(store, s.id);
      const r = await store.assignWaiting({ siteId: s.id, conversationId: b.id, candidates: [cand(staff[0].id)], strategy: 'least_busy', at: tick() });
      assert.equal(r?.conversationId, b.id);
      assert.equal(await store.assignWaiting({ siteId: s.id, conversationId: b.id, candidates: [cand(staff[0].id)], strategy: 'least_busy', at: tick() }), null);
      assert.deepEqual((await store.queue(s.id, 10)).entries.map((e) => e.conversationId), [a.id]);
    });

    it('returns the conversations that wait on an agent to the queue, at its end', async () => {
      const { store, s, staff } = await world(2);
      const a = await conversation(store, s.id);
      const b = await conversation(store, s.id);
      const c = await conversation(store, s.id);
      for (let i = 0; i < 2; i++) await store.assignWaiting({ siteId: s.id, candidates: [cand(staff[0].id, 5)], strategy: 'least_busy', at: tick() });
      // The agent answered b: it waits on the visitor, not on the agent, so it stays.
      await store.appendMessage({ siteId: s.id, conversationId: b.id, visitorId: b.visitor.id, clientId: uid(), author: { kind: 'staff', id: staff[0].id }, text: 'on it', attachmentIds: [], note: false, at: tick() });
      const at = tick();
      const back = await store.returnToQueue({ siteId: s.id, staffId: staff[0].id, at, name: 'Agent 0' });
      assert.deepEqual(back.map((r) => r.conversationId), [a.id]);
      const e = back[0].event;
      assert.ok(e.kind === 'conversation.updated' && e.auto === true && e.changes.assigneeId === null && e.byName === 'Agent 0');
      // a waits again, behind c (which waited all along), since the time it came back.
      assert.deepEqual((await store.queue(s.id, 10)).entries.map((q) => [q.conversationId, q.conversationId === a.id ? q.since === at : true]), [[c.id, true], [a.id, true]]);
      assert.deepEqual(await store.returnToQueue({ siteId: s.id, staffId: staff[0].id, at: tick() }), []);
      assert.equal((await store.assignWaiting({ siteId: s.id, candidates: [cand(staff[1].id)], strategy: 'least_busy', at: tick() }))?.conversationId, c.id);
    });

    it('counts an agent away from when first noted, in the store: being there or holding nothing forgets it; past the timeout what waits on them goes back once', async () => {
      const { store, s, staff } = await world(3);
      const [x, y, z] = staff.map((m) => m.id);
      const names = { [x]: 'Agent 0', [y]: 'Agent 1', [z]: 'Agent 2' };
      const a = await conversation(store, s.id);
      const b = await conversation(store, s.id);
      await store.assignWaiting({ siteId: s.id, conversationId: a.id, candidates: [cand(x)], strategy: 'least_busy', at: tick() });
      await store.assignWaiting({ siteId: s.id, conversationId: b.id, candidates: [cand(y)], strategy: 'least_busy', at: tick() });
      const minute = 60_000;
      const t0 = tick();
      // x and y hold one each and nobody is there; z holds nothing, so is never counted.
      assert.deepEqual(await store.returnAway({ siteId: s.id, present: [], at: t0, timeoutMs: 10 * minute, names }), []);
      assert.deepEqual(await store.awayAgents(s.id), { [x]: t0, [y]: t0 });
      // y comes back: forgotten. Nine minutes on x is still theirs, and the first sighting holds (not moved on).
      assert.deepEqual(await store.returnAway({ siteId: s.id, present: [y], at: t0 + 9 * minute, timeoutMs: 10 * minute, names }), []);
      assert.deepEqual(await store.awayAgents(s.id), { [x]: t0 });
      assert.equal((await store.getConversation(a.id))?.assigneeId, x);
      // Ten minutes: a goes back to the queue, once, with the agent's name in the event.
      const back = await store.returnAway({ siteId: s.id, present: [y], at: t0 + 10 * minute, timeoutMs: 10 * minute, names });
      assert.deepEqual(back.map((r) => [r.conversationId, r.staffId]), [[a.id, x]]);
      const e = back[0].event;
      assert.ok(e.kind === 'conversation.updated' && e.auto === true && e.changes.assigneeId === null && e.byName === 'Agent 0');
      assert.equal((await store.getConversation(a.id))?.assigneeId ?? null, null);
      assert.deepEqual(await store.returnAway({ siteId: s.id, present: [y], at: t0 + 11 * minute, timeoutMs: 10 * minute, names }), [], 'nothing twice');
      assert.deepEqual(await store.awayAgents(s.id), {}, 'x holds nothing now');
      // y goes away; the site turns the timeout off: forgotten, nothing returned.
      await store.returnAway({ siteId: s.id, present: [], at: t0 + 12 * minute, timeoutMs: 10 * minute, names });
      assert.deepEqual(Object.keys(await store.awayAgents(s.id)), [y]);
      assert.deepEqual(await store.returnAway({ siteId: s.id, present: [], at: t0 + 60 * minute, timeoutMs: 0, names }), []);
      assert.deepEqual(await store.awayAgents(s.id), {});
      assert.equal((await store.getConversation(b.id))?.assigneeId, y);
    });

    it('concurrent away sweeps return each conversation once', async () => {
      const { store, s, staff } = await world(2);
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await conversation(store, s.id)).id);
      for (let i = 0; i < 5; i++) await store.assignWaiting({ siteId: s.id, candidates: [cand(staff[0].id, 9)], strategy: 'least_busy', at: tick() });
      const t0 = tick();
      await store.returnAway({ siteId: s.id, present: [], at: t0, timeoutMs: 1000, names: {} });
      const sweeps = await Promise.all([1, 2, 3, 4].map(() => store.returnAway({ siteId: s.id, present: [], at: t0 + 5000, timeoutMs: 1000, names: {} })));
      const all = sweeps.flat();
      assert.deepEqual(all.map((r) => r.conversationId).sort(), [...ids].sort());
      const returned = (await store.eventsAfterCursor(s.id, 0, 1000)).filter((e) => e.kind === 'conversation.updated' && e.auto && e.changes.assigneeId === null);
      assert.equal(returned.length, 5, 'one return event per conversation in the whole log');
      assert.equal((await store.queue(s.id, 10)).waiting, 5);
    });

    it('concurrent callers assign each conversation once and keep capacities', async () => {
      const { store, s, staff } = await world(3);
      const ids = [];
      for (let i = 0; i < 8; i++) ids.push((await conversation(store, s.id)).id);
      const candidates = staff.map((m) => cand(m.id, 2));
      const drain = async () => {
        const mine = [];
        for (;;) {
          const r = await store.assignWaiting({ siteId: s.id, candidates, strategy: 'round_robin', at: tick() });
          if (!r) return mine;
          mine.push(r);
        }
      };
      const all = (await Promise.all([drain(), drain(), drain(), drain()])).flat();
      assert.equal(all.length, 6);
      assert.equal(new Set(all.map((r) => r.conversationId)).size, 6);
      assert.deepEqual(Object.values(await store.assignedLoads(s.id)).sort(), [2, 2, 2]);
      // One assignment event per assigned conversation in the whole log.
      const autos = (await store.eventsAfterCursor(s.id, 0, 1000)).filter((e) => e.kind === 'conversation.updated' && e.auto);
      assert.equal(autos.length, 6);
      assert.equal((await store.queue(s.id, 10)).waiting, 2);
    });
  });
}
