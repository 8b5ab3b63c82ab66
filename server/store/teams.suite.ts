import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ParleyError } from '../errors.ts';
import type { AssignCandidate } from './assignment-records.ts';
import { EVENT_SNAPSHOT } from './snapshot.ts';
import type { Store } from './store.ts';

/**
 * Teams in the Store contract (team-records.ts), run by storeSuite on every implementation: names
 * unique per site regardless of case, members, a conversation's team from its creation, moving it,
 * the inbox filter, and automatic assignment within a team (its own queue, its members only, once).
 */
export function teamStoreSuite(getStore: () => Store): void {
  const uid = () => randomBytes(6).toString('hex');
  let clock = 1_770_000_000_000;
  const tick = () => (clock += 1000);

  async function world(agents = 3) {
    const store = getStore();
    const s = await store.createSite({ name: `Site ${uid()}`, allowedOrigins: [], identitySecret: 's', settings: {} });
    const staff = [];
    for (let i = 0; i < agents; i++) staff.push(await store.createStaff({ id: `stf_${i}_${uid()}`, siteId: s.id, email: `${uid()}@example.com`, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' }));
    return { store, s, staff };
  }
  async function conversation(store: Store, siteId: string, teamId?: string) {
    const visitor = await store.createVisitor({ siteId, label: 'Blue Otter', context: {}, at: tick() });
    const r = await store.appendMessage({ siteId, visitorId: visitor.id, clientId: uid(), author: { kind: 'visitor', id: visitor.id }, text: 'hi', attachmentIds: [], note: false, at: tick(), ...(teamId ? { teamId } : {}) });
    return r.conversation.id;
  }
  const cand = (id: string, teams: string[], capacity = 5): AssignCandidate => ({ staffId: id, capacity, teams });
  const conflict = (err: unknown) => err instanceof ParleyError && err.code === 'conflict';

  describe('teams', () => {
    it('creates, lists by name, renames, replaces members; names are unique in a site regardless of case', async () => {
      const { store, s, staff } = await world(2);
      const billing = await store.createTeam({ siteId: s.id, name: 'Billing', memberIds: [staff[1].id, staff[0].id], at: tick(), maxPerSite: 50 });
      assert.deepEqual(billing.memberIds, [staff[0].id, staff[1].id].sort());
      await store.createTeam({ siteId: s.id, name: 'Accounts', memberIds: [], at: tick(), maxPerSite: 50 });
      await assert.rejects(store.createTeam({ siteId: s.id, name: 'billing', memberIds: [], at: tick(), maxPerSite: 50 }), conflict);
      const other = await world(0);
      await other.store.createTeam({ siteId: other.s.id, name: 'Billing', memberIds: [], at: tick(), maxPerSite: 50 }); // another site may
      assert.deepEqual((await store.listTeams(s.id)).map((t) => t.name), ['Accounts', 'Billing']);
      const renamed = await store.updateTeam({ siteId: s.id, id: billing.id, name: 'Payments', memberIds: [staff[1].id] });
      assert.deepEqual([renamed?.name, renamed?.memberIds], ['Payments', [staff[1].id]]);
      await assert.rejects(store.updateTeam({ siteId: s.id, id: billing.id, name: 'ACCOUNTS' }), conflict);
      assert.equal(await store.updateTeam({ siteId: other.s.id, id: billing.id, name: 'X' }), null, 'another site cannot touch it');
      assert.deepEqual(await store.teamsOfStaff(s.id), { [staff[1].id]: [billing.id] });
    });

    it('a site has at most maxPerSite teams, counted in the create itself: of concurrent creates for the last places, the rest are refused', async () => {
      const { store, s } = await world(0);
      const make = (name: string) => store.createTeam({ siteId: s.id, name, memberIds: [], at: tick(), maxPerSite: 3 });
      await make('First');
      const results = await Promise.allSettled(['A', 'B', 'C', 'D', 'E'].map(make));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2, 'two places were left');
      assert.ok(results.every((r) => r.status === 'fulfilled' || conflict(r.reason)), 'the rest are conflicts');
      assert.equal((await store.listTeams(s.id)).length, 3);
      const other = await world(0);
      await other.store.createTeam({ siteId: other.s.id, name: 'A', memberIds: [], at: tick(), maxPerSite: 3 }); // per site
      assert.ok(await store.deleteTeam(s.id, (await store.listTeams(s.id))[0].id));
      await make('Again'); // a deleted one makes room
    });

    it('a conversation keeps the team it was created with; moving it is a staff-only event with the team name; the inbox filters by team', async () => {
      const { store, s, staff } = await world(1);
      const billing = await store.createTeam({ siteId: s.id, name: 'Billing', memberIds: [], at: tick(), maxPerSite: 50 });
      const inTeam = await conversation(store, s.id, billing.id);
      const none = await conversation(store, s.id);
      assert.equal((await store.getConversation(inTeam))?.teamId, billing.id);
      assert.equal((await store.getConversation(none))?.teamId, undefined);
      assert.equal((await store.getConversation(inTeam, { forVisitor: true }))?.teamId, undefined, 'a visitor read has no team');
      const snapshot = await store.getConversation(inTeam, EVENT_SNAPSHOT);
      assert.deepEqual([snapshot?.teamId, snapshot?.labels, snapshot?.priority], [billing.id, undefined, undefined], 'an event\'s snapshot: the visitor\'s view plus the team');
      const inbox = async (team: string) => (await store.listInbox({ siteId: s.id, staffId: staff[0].id, team, cursor: null, limit: 10 })).items.map((i) => i.conversation.id);
      assert.deepEqual(await inbox(billing.id), [inTeam]);
      assert.deepEqual(await inbox('none'), [none]);
      const e = await store.updateConversation({ conversationId: none, changes: { teamId: billing.id }, by: { kind: 'staff', id: staff[0].id }, at: tick(), names: { by: 'Alice', team: 'Billing' } });
      assert.ok(e && e.kind === 'conversation.updated');
      assert.deepEqual(e.changes, { teamId: billing.id });
      assert.equal(e.teamName, 'Billing');
      assert.equal(e.byName, 'Alice');
      assert.equal(e.conversation.teamId, billing.id, 'an event\'s snapshot names the team (staff, webhooks)');
      const visitor = await store.createVisitor({ siteId: s.id, label: 'Red Fox', context: {}, at: tick() });
      const first = { siteId: s.id, visitorId: visitor.id, author: { kind: 'visitor' as const, id: visitor.id }, text: 'hi', attachmentIds: [], note: false };
      const created = await store.appendMessage({ ...first, clientId: uid(), at: tick(), teamId: billing.id });
      const createdEvent = created.events.find((x) => x.kind === 'conversation.created');
      assert.equal(createdEvent?.kind === 'conversation.created' && createdEvent.conversation.teamId, billing.id);
      await store.updateConversation({ conversationId: created.conversation.id, changes: { status: 'resolved' }, by: { kind: 'staff', id: staff[0].id }, at: tick() });
      const again = await store.appendMessage({ ...first, conversationId: created.conversation.id, clientId: uid(), at: tick(), reopen: true });
      const reopened = again.events.find((x) => x.kind === 'conversation.updated');
      assert.equal(reopened?.kind === 'conversation.updated' && reopened.conversation.teamId, billing.id, 'a visitor\'s reopen too');
      assert.equal(e.prevVisibleSeq, undefined, 'a change of team alone is not the visitor\'s');
      assert.equal(await store.updateConversation({ conversationId: none, changes: { teamId: billing.id }, by: { kind: 'staff', id: staff[0].id }, at: tick() }), null, 'no change, no event');
      assert.equal((await store.timeline(none, { afterSeq: 0, beforeSeq: 1e9 }, 10, true)).length, 0);
      assert.equal((await store.timeline(none, { afterSeq: 0, beforeSeq: 1e9 }, 10, false)).length, 1);
      assert.ok(await store.deleteTeam(s.id, billing.id));
      assert.equal(await store.deleteTeam(s.id, billing.id), false);
      assert.equal((await store.getConversation(inTeam))?.teamId, undefined, 'its conversations lose the team, and stay');
    });

    it('assigns a team\'s conversation only to its members, oldest first within the team; a full team holds up no other queue', async () => {
      const { store, s, staff } = await world(3);
      const [a, b, c] = staff.map((x) => x.id);
      const billing = await store.createTeam({ siteId: s.id, name: 'Billing', memberIds: [a], at: tick(), maxPerSite: 50 });
      const sales = await store.createTeam({ siteId: s.id, name: 'Sales', memberIds: [b], at: tick(), maxPerSite: 50 });
      const b1 = await conversation(store, s.id, billing.id);
      const b2 = await conversation(store, s.id, billing.id);
      const s1 = await conversation(store, s.id, sales.id);
      const n1 = await conversation(store, s.id);
      assert.deepEqual((await store.queue(s.id, 10)).entries.map((e) => e.teamId), [billing.id, billing.id, sales.id, null]);
      const candidates = [cand(a, [billing.id], 1), cand(b, [sales.id], 1), cand(c, [], 5)];
      const got: Record<string, string> = {};
      for (;;) {
        const r = await store.assignWaiting({ siteId: s.id, candidates, strategy: 'least_busy', at: tick() });
        if (!r) break;
        got[r.conversationId] = r.staffId;
      }
      assert.deepEqual(got, { [b1]: a, [s1]: b, [n1]: c }, 'b2 waits for a (full); c, in no team, takes only the no-team one');
      assert.deepEqual((await store.queue(s.id, 10)).entries.map((e) => e.conversationId), [b2]);
      assert.equal(await store.assignWaiting({ siteId: s.id, candidates: [cand(c, [], 5)], strategy: 'least_busy', at: tick(), conversationId: b2 }), null, 'not to a non-member, even by id');
    });

    it('concurrent callers assign each team conversation once, to members, within capacity', async () => {
      const { store, s, staff } = await world(3);
      const team = await store.createTeam({ siteId: s.id, name: 'Billing', memberIds: [staff[0].id, staff[1].id], at: tick(), maxPerSite: 50 });
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push(await conversation(store, s.id, team.id));
      const candidates = [cand(staff[0].id, [team.id], 2), cand(staff[1].id, [team.id], 2), cand(staff[2].id, [], 10)];
      const drain = async () => {
        const out = [];
        for (;;) {
          const r = await store.assignWaiting({ siteId: s.id, candidates, strategy: 'round_robin', at: tick() });
          if (!r) return out;
          out.push(r);
        }
      };
      const all = (await Promise.all([drain(), drain(), drain(), drain()])).flat();
      assert.equal(all.length, 4, 'two members of capacity 2');
      assert.equal(new Set(all.map((r) => r.conversationId)).size, 4, 'each once');
      assert.ok(all.every((r) => r.staffId !== staff[2].id), 'never to a non-member');
      assert.deepEqual(await store.assignedLoads(s.id), { [staff[0].id]: 2, [staff[1].id]: 2 });
    });
  });
}
